package io.splitcheck.trace.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.seccomp.Attribution;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * From one real bpftrace session over eight cells (fixtures/trace/bpf/cells.txt says which cgroup
 * id ran what): the eBPF tracer's records give the same culprits as strace's traces of the same
 * programs.
 */
class BpfTraceLogTest {

  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;

  private static List<String> output() throws IOException {
    try (InputStream in =
        BpfTraceLogTest.class.getResourceAsStream("/fixtures/trace/bpf/cells.out")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static Trace cell(long id) throws IOException {
    return BpfTraceLog.of(output(), id, "cells.out#" + id).trace();
  }

  private static SeccompProfile engineDefault() throws IOException {
    try (InputStream in =
        BpfTraceLogTest.class.getResourceAsStream("/fixtures/seccomp/engine-default.json")) {
      return SeccompProfile.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "engine-default.json");
    }
  }

  private static List<String> roles(List<Culprit> culprits) {
    return culprits.stream().map(c -> c.syscall() + " " + c.errno() + " " + c.role()).toList();
  }

  @Test
  void touchOnReadOnlyRoot_givesTheCreateAsCause_andUtimensatAsConsequence_likeStrace()
      throws IOException {
    CellRestrictions readOnly =
        new CellRestrictions("read-only", engineDefault(), true, CAPS, true, Set.of(), false);

    List<Culprit> c = Attribution.culprits(cell(2571), cell(2742), readOnly, "amd64");

    assertEquals(List.of("openat EROFS cause", "utimensat ENOENT consequence"), roles(c));
    assertEquals("/stamp", c.get(0).path());
    assertEquals("/usr/bin/touch", c.get(0).process().executable());
  }

  @Test
  void pingGrandchild_namesTheExecveAndItsShellAncestry_likeStrace() throws IOException {
    CellRestrictions capDrop =
        new CellRestrictions(
            "cap-drop-all", engineDefault(), true, Set.of(), false, Set.of(), false);

    List<Culprit> c = Attribution.culprits(cell(2799), cell(2818), capDrop, "amd64");

    assertEquals("execve EPERM cause", roles(c).get(0));
    assertEquals("/usr/bin/ping", c.get(0).path());
    assertEquals(List.of("sh", "bash"), c.get(0).ancestry().stream().map(p -> p.argv0()).toList());
    assertEquals("bash", c.get(0).process().argv0());
  }

  @Test
  void pythonThreads_rankChownFirst_andSeeClone3sFallbackInTheFork() throws IOException {
    CellRestrictions capDrop =
        new CellRestrictions(
            "cap-drop-all", engineDefault(), true, Set.of(), false, Set.of(), false);

    List<Culprit> c = Attribution.culprits(cell(2761), cell(2780), capDrop, "amd64");

    assertEquals("chown EPERM cause", roles(c).get(0));
    assertTrue(roles(c).contains("clone3 ENOSYS fallback"), roles(c).toString());
  }

  @Test
  void seccompDeniedGetrandom_isSeenAtSysExit_withItsErrno() throws IOException {
    Trace t = cell(2856);

    assertTrue(
        t.failures().stream()
            .anyMatch(f -> f.name().equals("getrandom") && f.errno().equals("EPERM")),
        t.failures().toString());
    assertEquals(1, t.rootExitCode().orElseThrow());
  }

  @Test
  void runcsStartUp_isNotTheWorkloads() throws IOException {
    List<String> lines = BpfTraceLog.of(output(), 2742, "cells.out").straceLines();

    assertTrue(lines.get(0).contains("execve(\"/usr/bin/touch\", [\"touch\"]"), lines.get(0));
    assertTrue(lines.stream().noneMatch(l -> l.contains("/dev/fd/")), lines.toString());
  }

  @Test
  void aScriptsExec_isNamedAsItsCallerNamedIt_notByItsInterpreter() {
    List<String> lines =
        BpfTraceLog.of(
                List.of(
                    "Attaching 5 probes...",
                    "X\t7\t100\t100\t/usr/local/bin/app\t/bin/sh",
                    "X\t7\t100\t100\t/bin/mkdir\tmkdir"),
                7,
                "cells.out")
            .straceLines();

    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains("execve(\"/usr/local/bin/app\", [\"/usr/local/bin/app\"]")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("execve(\"/bin/mkdir\", [\"mkdir\"]")),
        lines.toString());
  }

  @Test
  void aRuncThreadsCall_readAfterTheExecThatEndedIt_isNotTheWorkloads() {
    List<String> lines =
        BpfTraceLog.of(
                List.of(
                    "Attaching 5 probes...",
                    "F\t7\t100\t100\t101",
                    "X\t7\t100\t100\t/probe\t/probe",
                    "E\t7\t100\t101\t233\t-1\t4026531836\trunc:[2:INIT]\t0\t",
                    "E\t7\t100\t100\t92\t-1\t4026531836\tprobe\t0\t/x"),
                7,
                "cells.out")
            .straceLines();

    assertTrue(lines.stream().noneMatch(l -> l.contains("epoll_ctl")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("100  chown(")), lines.toString());
  }

  @Test
  void recordsReadFromTwoCpusOutOfOrder_areTakenInTheOrderTheyWereMade() {
    // as read: the shell moved to the other CPU after its exec, and its child after the fork, so
    // their failing calls come out of the buffers before the exec and the fork that explain them
    List<String> lines =
        BpfTraceLog.of(
                List.of(
                    "Attaching 5 probes...",
                    "E\t7@1100\t100\t100\t262\t-2\t4026531836\tapp\t0\t/usr/local/sbin/mkdir",
                    "E\t7@1400\t101\t101\t83\t-30\t4026531836\tmkdir\t0\t/var/cache/app",
                    "X\t7@1000\t100\t100\t/usr/local/bin/app\t/usr/local/bin/app",
                    "F\t7@1200\t100\t100\t101",
                    "X\t7@1300\t101\t101\t/usr/bin/mkdir\tmkdir"),
                7,
                "cells.out")
            .straceLines();

    assertEquals(5, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("100  execve(\"/usr/local/bin/app\""), lines.toString());
    assertTrue(lines.get(1).startsWith("100  newfstatat("), lines.toString());
    assertTrue(lines.get(3).startsWith("101  execve(\"/usr/bin/mkdir\""), lines.toString());
    assertTrue(lines.get(4).startsWith("101  mkdir(\"/var/cache/app\""), lines.toString());
  }

  @Test
  void malformedRecord_isAnErrorNamingTheLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BpfTraceLog.of(List.of("Attaching 17 probes...", "E\t1\tx\t2"), 1, "out.txt"));
    assertTrue(e.getMessage().contains("'out.txt' line 2"), e.getMessage());
  }

  @Test
  void kernelRestartCodes_areNotFailures_asStraceNeverSeesThem() throws IOException {
    // sys_exit shows futex = -512 (ERESTARTSYS) when a signal interrupts the wait; the kernel
    // restarts
    // the call, so user space (and strace) never sees it: no culprit may come of it
    List<String> withRestart = new ArrayList<>(output());
    int at =
        withRestart.indexOf(
            "E\t2742\t13954\t13954\t21\t-2\t4026532184\ttouch\t0\t/etc/ld.so.preload");
    assertTrue(at >= 0, "fixture line");
    withRestart.add(at + 1, "E\t2742\t13954\t13954\t202\t-512\t4026532184\ttouch\t0\t");

    List<String> lines = BpfTraceLog.of(withRestart, 2742, "cells.out#2742").straceLines();

    assertTrue(lines.stream().noneMatch(l -> l.startsWith("13954  futex(")), lines.toString());
    assertEquals(BpfTraceLog.of(output(), 2742, "cells.out#2742").straceLines(), lines);
  }
}
