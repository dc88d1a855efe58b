package io.splitcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTest {

  static Path fixture(String name) {
    try {
      return Path.of(TraceTest.class.getResource("/fixtures/trace/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SyscallEvent eventAt(Trace trace, int line) {
    return trace.events().stream().filter(e -> e.line() == line).findFirst().orElseThrow();
  }

  @Test
  void parse_joinsUnfinishedAndResumed_atCompletionLine_underInterleaving() {
    Trace trace = Trace.parse(fixture("host-threads-fork.log"));

    SyscallEvent read = eventAt(trace, 24);
    assertEquals("read", read.name());
    assertEquals(14108, read.pid());
    assertEquals("3,  0x7fff1a6aef27, 1", read.arguments());
    assertEquals("?", read.result());
    assertEquals("ERESTARTSYS", read.errno());
    SyscallEvent kill = eventAt(trace, 25);
    assertEquals("kill", kill.name());
    assertEquals("14108, SIGUSR1", kill.arguments());
    assertEquals("0", kill.result());
    assertNull(kill.errno());
    assertFalse(trace.truncated());
    assertEquals(0, trace.unparsedLines());
  }

  @Test
  void parse_keepsQuotesParensAndEqualsInsideStrings() {
    Trace trace = Trace.parse(fixture("host-threads-fork.log"));

    List<SyscallEvent> opens =
        trace.events().stream()
            .filter(e -> e.name().equals("openat") && e.arguments().contains("nonexistent"))
            .toList();
    assertEquals(9, opens.size());
    assertEquals(
        "AT_FDCWD, \"/nonexistent/\\\"quoted\\\" (paren) = eq\", O_RDONLY",
        opens.get(0).arguments());
    assertTrue(opens.stream().allMatch(e -> "ENOENT".equals(e.errno()) && e.result().equals("-1")));
    SyscallEvent write =
        trace.events().stream()
            .filter(e -> e.name().equals("write") && e.arguments().contains("tab"))
            .findFirst()
            .orElseThrow();
    assertEquals("1, \"tab\\there \\\"q\\\" \\\\ back\\n\", 20", write.arguments());
    assertEquals("20", write.result());
  }

  @Test
  void failures_groupByNameAndErrno_inFirstOccurrenceOrder_withoutRestartCodes() {
    Trace trace = Trace.parse(fixture("host-threads-fork.log"));

    List<FailedSyscall> failures = trace.failures();
    assertEquals(
        List.of("syscall_0x3e7 ENOSYS", "openat ENOENT"),
        failures.stream().map(f -> f.name() + " " + f.errno()).toList());
    assertEquals(9, failures.get(1).count());
    assertEquals(46, failures.get(0).firstLine());
    assertTrue(trace.syscallNames().contains("syscall_0x3e7"));
    assertTrue(trace.syscallNames().contains("clone3"));
  }

  @Test
  void parse_recordsSignalsKillsAndExitStatus() {
    Trace trace = Trace.parse(fixture("host-threads-fork.log"));

    assertEquals(Map.of(14110, "SIGSEGV", 14115, "SIGKILL"), trace.killedBy());
    assertEquals(0, trace.exitCodes().get(14108));
    assertEquals(7, trace.exitCodes().get(14114));
    assertEquals(
        List.of("SIGUSR1", "SIGSEGV", "SIGCHLD", "SIGCHLD", "SIGCHLD", "SIGCHLD"),
        trace.signals().stream().filter(s -> !s.equals("SIGRT_1")).toList().subList(0, 6));
  }

  @Test
  void parse_readsPaddedPidColumn_andEpermFromContainerRun() {
    Trace trace = Trace.parse(fixture("container-getrandom-eperm.log"));

    FailedSyscall getrandom = trace.failures().get(0);
    assertEquals(new FailedSyscall("getrandom", "EPERM", 2, 10), getrandom);
    assertEquals(3, trace.exitCodes().get(9));
    assertEquals("SIGKILL", trace.killedBy().get(16));
    assertEquals(9, trace.rootPid().getAsInt());
    assertEquals(3, trace.rootExitCode().getAsInt());
  }

  @Test
  void parse_marksTruncated_andCountsTheCutLine() {
    Trace trace = Trace.parse(fixture("host-truncated.log"));

    assertTrue(trace.truncated());
    assertEquals(1, trace.unparsedLines());
    assertFalse(trace.events().isEmpty());
  }

  @Test
  void parse_acceptsLinesWithoutPid_hexResults_andUnknownLines() {
    Trace trace =
        Trace.parse(
            List.of(
                "brk(NULL)                               = 0x55d0c0a3e000",
                "this is not strace output",
                "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)",
                "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f3e2c1d0000",
                "read(0, \"abc\"..., 256)                 = 256",
                "exit_group(2)                           = ?"),
            "inline");

    assertEquals(5, trace.events().size());
    assertEquals("0x55d0c0a3e000", trace.events().get(0).result());
    assertEquals(0, trace.events().get(0).pid());
    assertEquals("0\u002c \"abc\"..., 256", trace.events().get(3).arguments());
    assertEquals(1, trace.unparsedLines());
    assertFalse(trace.truncated());
    assertEquals(Map.of(0, 2), trace.exitCodes());
  }

  @Test
  void parse_closesCallInterruptedByDeath_butFlagsCallNeverResumed() {
    Trace killed =
        Trace.parse(List.of("5 pause( <unfinished ...>", "5 +++ killed by SIGKILL +++"), "killed");
    Trace cut =
        Trace.parse(
            List.of("5 getpid() = 5", "6 futex(0x7f, FUTEX_WAIT, 0, NULL <unfinished ...>"), "cut");

    assertFalse(killed.truncated());
    assertEquals(new SyscallEvent(2, 5, "pause", "", "?", null), killed.events().get(0));
    assertTrue(cut.truncated());
    assertEquals(1, cut.events().size());
  }

  @Test
  void parse_handlesBriefExamples_bracketPids_andResumeWithoutStart() {
    Trace trace =
        Trace.parse(
            List.of(
                "7 getrandom(\"\\x12\\x34\"..., 32, 0) = -1 EPERM (Operation not permitted)",
                "[pid  8] wait4(-1,  <unfinished ...>",
                "[pid  9] <... futex resumed>) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
                "[pid  8] <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 9",
                "7 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) = 0x7f0e6b9c2000",
                "7 mknodat(AT_FDCWD, \"/dev/x\", S_IFCHR|0666, makedev(0x1, 0x3)) = -1 EPERM (Operation not permitted)"),
            "brief");

    assertEquals(
        List.of(
            new FailedSyscall("getrandom", "EPERM", 1, 1),
            new FailedSyscall("mknodat", "EPERM", 1, 6)),
        trace.failures());
    assertEquals("\"\\x12\\x34\"..., 32, 0", trace.events().get(0).arguments());
    SyscallEvent futex = trace.events().get(1);
    assertEquals(9, futex.pid());
    assertEquals("ERESTARTSYS", futex.errno());
    assertFalse(futex.failed());
    SyscallEvent wait4 = trace.events().get(2);
    assertEquals("-1,  [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", wait4.arguments());
    assertEquals(4, wait4.line());
    assertEquals("0x7f0e6b9c2000", trace.events().get(3).result());
    assertEquals(
        "AT_FDCWD, \"/dev/x\", S_IFCHR|0666, makedev(0x1, 0x3)", trace.events().get(4).arguments());
    assertEquals("EPERM", trace.events().get(4).errno());
    assertFalse(trace.truncated());
  }

  @Test
  void parse_rejectsLogWithoutAnyParseableLine_namingTheSource() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Trace.parse(List.of("garbage", "more garbage"), "cell.log"));

    assertTrue(
        e.getMessage().startsWith("Error parsing strace log 'cell.log': no parseable line"),
        e.getMessage());
  }
}
