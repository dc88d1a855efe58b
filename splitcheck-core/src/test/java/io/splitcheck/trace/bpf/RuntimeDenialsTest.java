package io.splitcheck.trace.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.SeccompProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * From real eBPF records of runc 1.1.5's init under the Kubernetes tutorial's profiles (see
 * fixtures/trace/bpf/runc-init-denied.txt): which calls of the runtime's a profile denied after the
 * filter was loaded, the failures it did not cause left out.
 */
class RuntimeDenialsTest {
  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;
  private static final String DIR = "/fixtures/trace/bpf/";

  private static String text(String name) throws IOException {
    try (InputStream in = RuntimeDenialsTest.class.getResourceAsStream(DIR + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static BpfTraceLog cell(long id) throws IOException {
    return BpfTraceLog.of(text("runc-init-denied.out").lines().toList(), id, "runc-init#" + id);
  }

  private static SeccompProfile profile(String name) throws IOException {
    return SeccompProfile.parse(text("k8s-tutorial/" + name), name);
  }

  private static List<String> denied(long cell, String profile) throws IOException {
    return RuntimeDenials.denied(cell(cell), profile(profile), CAPS, "amd64").stream()
        .map(c -> c.comm() + " " + c.syscall() + " " + c.errno())
        .toList();
  }

  @Test
  void fineGrainedDeniesRuncsChdirAndCapget() throws IOException {
    assertEquals(
        List.of("runc:[2:INIT] chdir 1", "runc:[2:INIT] capget 1"), denied(7, "fine-grained.json"));
  }

  @Test
  void failuresTheProfileAllowsAreNotItsDenials() throws IOException {
    // epoll_ctl fails with EPERM after the load (Go's poller on the exec fifo), but the profile
    // allows epoll_ctl: the kernel, not the filter, refused it
    assertTrue(
        cell(7).callsAfterFilterLoad().stream()
            .anyMatch(c -> c.syscall().equals("epoll_ctl") && c.errno() == 1));
    assertTrue(denied(7, "fine-grained.json").stream().noneMatch(c -> c.contains("epoll_ctl")));
  }

  @Test
  void failuresBeforeTheLoadAreNotCounted() throws IOException {
    // runc init's failing calls before its last prctl/seccomp request (ENOENT stats, EBADF closes,
    // libseccomp's EFAULT probes) are not under the filter
    List<BpfTraceLog.FilteredCall> after = cell(7).callsAfterFilterLoad();
    assertTrue(after.stream().noneMatch(c -> c.syscall().equals("seccomp")), after::toString);
    assertTrue(after.stream().allMatch(c -> c.errno() == 1), after::toString);
  }

  @Test
  void violationDeniesTheExecFifosOpenFirstOfTheRuntimesOwnCalls() throws IOException {
    List<String> calls = denied(8, "violation.json");
    assertTrue(calls.contains("runc:[2:INIT] openat 1"), calls::toString);
    assertTrue(calls.contains("runc:[2:INIT] write 1"), calls::toString);
    assertTrue(calls.stream().allMatch(c -> c.endsWith(" 1")), calls::toString);
  }

  @Test
  void theSentenceNamesEachCallWithItsErrno() throws IOException {
    String s =
        RuntimeDenials.explain(
                RuntimeDenials.denied(cell(7), profile("fine-grained.json"), CAPS, "amd64"))
            .orElseThrow();
    assertTrue(s.contains("(runc:[2:INIT], after it loaded the filter"), s);
    assertTrue(s.contains(": chdir (EPERM), capget (EPERM);"), s);
  }

  @Test
  void anAllowingProfileExplainsNothing() throws IOException {
    SeccompProfile allow = SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", "allow");
    assertTrue(
        RuntimeDenials.explain(RuntimeDenials.denied(cell(7), allow, CAPS, "amd64")).isEmpty());
  }

  @Test
  void sRecordsParse() {
    List<String> lines =
        List.of(
            "S\t9@100\t5\t5",
            "E\t9@200\t5\t5\t80\t-1\t4026532184\tcrun\t0\t/",
            "E\t9@50\t5\t5\t80\t-1\t1\tcrun\t0\t/");
    List<BpfTraceLog.FilteredCall> after = BpfTraceLog.of(lines, 9, "s").callsAfterFilterLoad();
    assertEquals(List.of(new BpfTraceLog.FilteredCall(5, "crun", "chdir", 1)), after);
  }
}
