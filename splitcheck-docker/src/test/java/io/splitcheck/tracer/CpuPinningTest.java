package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {

  @Test
  void aProcessStartedOnACpu_mayRunOnThatCpuOnly_andTheCallerKeepsItsCpus() throws Exception {
    List<Integer> before = CpuPinning.cpus();
    assertFalse(before.isEmpty(), "the C library answers sched_getaffinity");
    int last = before.get(before.size() - 1);

    Process p = CpuPinning.startOn(last, "grep", "^Cpus_allowed_list:", "/proc/self/status");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();

    assertEquals("Cpus_allowed_list:\t" + last, out.strip());
    assertEquals(before, CpuPinning.cpus());
  }
}
