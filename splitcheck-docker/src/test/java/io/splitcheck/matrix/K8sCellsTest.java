package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.PodSettings;
import io.splitcheck.k8s.OutcomeCauses;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.SeccompProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class K8sCellsTest {
  private static Cell cell(String name) {
    return BuiltInCells.named(name).orElseThrow();
  }

  @Test
  void containerdProfile_isTheRepositorysTranslation_byteForByte() throws Exception {
    assertEquals(
        Files.readString(
            Path.of("../seccomp-profiles/containerd-1.7.json"), StandardCharsets.UTF_8),
        K8sCells.containerdProfile());
  }

  @Test
  void kubernetesCells_areNamedButNotInTheDefaultSet() {
    assertEquals(6, BuiltInCells.all().size());
    assertTrue(
        BuiltInCells.names()
            .containsAll(List.of("k8s-restricted", "k8s-default", "openshift-restricted")));
    assertEquals(
        List.of("unconfined", "k8s-restricted"),
        MatrixPlan.expand(List.of("unconfined", "k8s-restricted"), List.of(), Optional.empty())
            .cells()
            .stream()
            .map(Cell::name)
            .toList());
  }

  @Test
  void k8sRestricted_isContainerdRuntimeDefault_dropAll_noNewPrivileges_nonRoot() {
    ContainerSecurity s = cell("k8s-restricted").security();
    assertEquals(ContainerSecurity.Seccomp.CUSTOM, s.seccomp());
    assertTrue(s.dropAllCaps() && s.noNewPrivileges() && s.pod().runAsNonRoot());
    assertFalse(
        s.readOnlyRoot(), "Pod Security Standards restricted does not require a read-only root");
    CellRestrictions r = Restrictions.of(cell("k8s-restricted"), null);
    assertEquals(List.of(), List.copyOf(r.effectiveCaps()));
    assertTrue(r.profile() != null && !r.engineDefaultProfile());
    SeccompProfile.parse(K8sCells.containerdProfile(), "containerd-1.7.json");
  }

  @Test
  void k8sRestricted_runsARootImageAs65532_andNeverRefusesIt() {
    Cell c = cell("k8s-restricted");
    ImageConfig root = new ImageConfig("sha256:1", List.of(), List.of("sh"), "amd64", "");
    assertEquals(Optional.empty(), PodResolution.refusal(c, root));
    assertEquals("65532", c.security().pod().effectiveUser(root.user()));
    assertEquals("1000", c.security().pod().effectiveUser("1000"));
  }

  @Test
  void k8sDefault_isUnconfinedWithContainerdsDefaultCapabilities() {
    CellRestrictions r = Restrictions.of(cell("k8s-default"), null);
    assertEquals(null, r.profile());
    assertEquals(CellRestrictions.DOCKER_DEFAULT_CAPS, r.effectiveCaps());
  }

  @Test
  void openshiftRestricted_isAnArbitraryUidInGroupZero() {
    var pod = cell("openshift-restricted").security().pod();
    assertEquals("1000680000:0", pod.user());
    assertEquals(List.of("0"), pod.groupAdd());
    assertEquals(
        List.of(),
        List.copyOf(Restrictions.of(cell("openshift-restricted"), null).effectiveCaps()));
  }

  @Test
  void aPodWithRunAsNonRoot_overARootImage_isRefusedAsTheKubeletRefusesIt() throws Exception {
    PodCells p =
        PodCells.load(
            "../splitcheck-cli/src/test/resources/fixtures/k8s/cache-nonroot-job.yaml",
            "splitcheck-test/k8s-cache:dev");
    assertEquals("cronjob-cache-refresh", p.cell().name());
    ImageConfig root = new ImageConfig("sha256:1", List.of(), List.of("sh"), "amd64", "");
    String refusal = PodResolution.refusal(p.cell(), root).orElseThrow();
    assertTrue(
        refusal.startsWith(
            OutcomeCauses.REFUSED + "container has runAsNonRoot and image will run as root"),
        refusal);
  }

  @Test
  void cellOverrides_changeEveryCellButTheBaseline() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "runtime-default"), List.of(), Optional.empty());
    MatrixPlan limited =
        CellOverrides.parse("1000:1000", List.of("memory=64m", "pids=32"), List.of("/cache"))
            .apply(plan);
    assertEquals(PodSettings.NONE, limited.cell("unconfined").security().pod());
    var pod = limited.cell("runtime-default").security().pod();
    assertEquals("1000:1000", pod.user());
    assertEquals(64L << 20, pod.limits().memoryBytes());
    assertEquals(32L, pod.limits().pids());
    assertTrue(pod.tmpfs().containsKey("/cache"));
    var e =
        Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> CellOverrides.parse(null, List.of("disk=1g"), List.of()));
    assertEquals("--limit 'disk=1g': expected memory=SIZE, pids=N or cpus=N", e.getMessage());
  }
}
