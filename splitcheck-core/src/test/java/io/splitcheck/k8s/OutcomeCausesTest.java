package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeCausesTest {
  @Test
  void kubelet_refusesRootAndNamedUsers_asVerifyRunAsNonRootWordsIt() {
    assertEquals(
        Optional.of(
            "container has runAsNonRoot and image will run as root (pod: \"web\", container: app)"),
        OutcomeCauses.kubeletRefusal(null, "", "web", "app"));
    assertEquals(
        Optional.of(
            "container has runAsNonRoot and image has non-numeric user (nginx), cannot verify "
                + "user is non-root (pod: \"web\", container: app)"),
        OutcomeCauses.kubeletRefusal(null, "nginx", "web", "app"));
    assertEquals(
        Optional.of("container's runAsUser breaks non-root policy (pod: \"web\", container: app)"),
        OutcomeCauses.kubeletRefusal(0L, "1000", "web", "app"));
    assertEquals(Optional.empty(), OutcomeCauses.kubeletRefusal(null, "1000:1000", "web", "app"));
    assertEquals(Optional.empty(), OutcomeCauses.kubeletRefusal(10001L, "", "web", "app"));
  }

  @Test
  void oomKill_isMemory_withTheLimit() {
    assertEquals(
        "the kernel's OOM killer ended it at the cell's memory limit of 64Mi (OOMKilled, exit 137); "
            + "the peak is not recorded (the cgroup is gone at exit)",
        OutcomeCauses.memory(true, 137, 64L << 20, null).orElseThrow().detail());
    assertEquals(Optional.empty(), OutcomeCauses.memory(false, 137, 64L << 20, null));
    // the figure cgroup v1's memory.max_usage_in_bytes gave for dd bs=100M under -m 64m
    assertTrue(
        OutcomeCauses.memory(true, 137, 64L << 20, 67121152L)
            .orElseThrow()
            .detail()
            .endsWith("; peak 67121152 bytes (64.0Mi) as its cgroup recorded it"));
  }
}
