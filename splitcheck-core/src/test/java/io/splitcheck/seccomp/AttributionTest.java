package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.trace.ProcessInfo;
import io.splitcheck.trace.Trace;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributionTest {

  private static final SeccompProfile DEFAULT = Fixtures.engineDefault();
  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;

  private static Trace trace(String name) {
    return Trace.parse(Fixtures.path("trace/" + name));
  }

  private static CellRestrictions seccompOnly(
      String cell, SeccompProfile p, boolean engineDefault) {
    return new CellRestrictions(cell, p, engineDefault, CAPS, false, Set.of(), false);
  }

  @Test
  void culprits_nameEachCause_inFirstOccurrenceOrder_forRestrictedCell() {
    SeccompProfile prod = Derivation.parse("getrandom=EPERM").apply(DEFAULT);
    CellRestrictions restricted =
        new CellRestrictions("restricted", prod, false, Set.of(), true, Set.of("/tmp"), true);

    List<Culprit> culprits =
        Attribution.culprits(
            trace("restrict-unconfined.log"),
            trace("restrict-restricted.log"),
            restricted,
            "amd64");

    assertEquals(
        List.of(
            "getrandom EPERM seccomp",
            "openat EROFS read-only",
            "chown EPERM capability",
            "connect ENETUNREACH network",
            "setuid EPERM capability"),
        culprits.stream().map(c -> c.syscall() + " " + c.errno() + " " + c.cause()).toList());
    assertTrue(
        culprits.get(0).detail().startsWith("not allowed by the profile: rule syscalls["),
        culprits.get(0).detail());
    assertTrue(
        culprits
            .get(0)
            .detail()
            .endsWith(
                "(\"splitcheck derive: getrandom=EPERM\") has the default action, so runc"
                    + " skips it"),
        culprits.get(0).detail());
    assertTrue(culprits.get(0).hazard().startsWith(Hazards.TEXT), culprits.get(0).hazard());
    assertEquals("the root filesystem is read-only (writable: /tmp)", culprits.get(1).detail());
    assertEquals("needs CAP_CHOWN, which this cell drops", culprits.get(2).detail());
    assertEquals("needs CAP_SETUID, which this cell drops", culprits.get(4).detail());
    assertNull(culprits.get(2).hazard());
  }

  @Test
  void culprits_blameEngineDefault_whenItsDefaultActionDenies() {
    SeccompProfile withoutGetrandom = Derivation.parse("-getrandom").apply(DEFAULT);

    List<Culprit> culprits =
        Attribution.culprits(
            trace("container-default.log"),
            trace("container-getrandom-eperm.log"),
            seccompOnly("runtime-default", withoutGetrandom, true),
            "amd64");

    assertEquals(1, culprits.size());
    assertEquals(
        new Culprit(
                "getrandom",
                "EPERM",
                "seccomp",
                Hazards.hazard("getrandom", "EPERM"),
                "not allowed by the engine default profile")
            .with(Culprit.CAUSE, null, null, new ProcessInfo(9, "/t/prog", "/t/prog"), List.of()),
        culprits.get(0));
    assertEquals(
        "runtime-default: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: not allowed by the "
            + "engine default profile; hazard: libc falls back only on ENOSYS; the profile should return ENOSYS"
            + " (--derive 'getrandom=ENOSYS')] by /t/prog[9]",
        Attribution.summaryLine("runtime-default", 3, "unconfined", 0, culprits));
  }

  @Test
  void culprits_sayUnknown_whenNoRestrictionExplainsTheFailure() {
    List<Culprit> culprits =
        Attribution.culprits(
            trace("container-default.log"),
            trace("container-getrandom-eperm.log"),
            seccompOnly("runtime-default", DEFAULT, true),
            "amd64");

    assertEquals("unknown", culprits.get(0).cause());
    assertTrue(culprits.get(0).hazard() != null);
  }

  @Test
  void culprits_skipFailuresTheBaselineHasWithTheSameErrno() {
    Trace baseline = trace("host-threads-fork.log");

    assertEquals(
        List.of(),
        Attribution.culprits(baseline, baseline, seccompOnly("same", DEFAULT, true), "amd64"));
  }

  @Test
  void culprits_readArgumentsForBindPortAndRawSockets() {
    Trace baseline = Trace.parse(List.of("1 getpid() = 1"), "baseline");
    Trace cell =
        Trace.parse(
            List.of(
                "1 socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) = -1 EPERM (Operation not permitted)",
                "1 bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"0.0.0.0\")}, 16) = -1 EACCES (Permission denied)",
                "1 bind(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0)}, 28) = -1 EADDRINUSE (Address in use)",
                "1 kill(7, SIGTERM) = -1 EPERM (Operation not permitted)"),
            "cell");
    CellRestrictions noCaps =
        new CellRestrictions(
            "cap-drop-all", DEFAULT, true, Set.of("CAP_KILL"), false, Set.of(), false);

    List<Culprit> culprits = Attribution.culprits(baseline, cell, noCaps, "amd64");

    assertEquals(
        List.of("socket capability", "bind unknown", "bind unknown", "kill unknown"),
        culprits.stream().map(c -> c.syscall() + " " + c.cause()).toList());
    assertEquals("needs CAP_NET_RAW, which this cell drops", culprits.get(0).detail());
  }

  @Test
  void culprits_reportBindBelow1024_asNetBindService() {
    Trace baseline = Trace.parse(List.of("1 getpid() = 1"), "baseline");
    Trace cell =
        Trace.parse(
            List.of(
                "1 bind(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"0.0.0.0\")}, 16) = -1 EACCES (Permission denied)"),
            "cell");

    Culprit c =
        Attribution.culprits(
                baseline,
                cell,
                new CellRestrictions("x", null, false, Set.of(), false, Set.of(), false),
                "amd64")
            .get(0);

    assertEquals(
        new Culprit(
                "bind",
                "EACCES",
                "capability",
                null,
                "needs CAP_NET_BIND_SERVICE, which this cell drops")
            .with(Culprit.CAUSE, null, null, new ProcessInfo(1, null, null), List.of()),
        c);
  }

  @Test
  void culprits_reportConditionalDenial_forArgumentFilteredRule() {
    Trace baseline = Trace.parse(List.of("1 personality(0x1234) = 0"), "baseline");
    Trace cell =
        Trace.parse(List.of("1 personality(0x1234) = -1 EPERM (Operation not permitted)"), "cell");

    Culprit c =
        Attribution.culprits(baseline, cell, seccompOnly("runtime-default", DEFAULT, true), "amd64")
            .get(0);

    assertEquals("seccomp", c.cause());
    assertTrue(
        c.detail()
            .startsWith("denied for these arguments by the engine default profile: conditional: "),
        c.detail());
  }

  @Test
  void culprits_reportSigsysKill_byKillingProfile() {
    Trace baseline =
        Trace.parse(List.of("5 getrandom(\"\\x01\", 1, 0) = 1", "5 exit_group(0) = ?"), "baseline");
    Trace cell =
        Trace.parse(
            List.of("5 getrandom(0x7ffd, 1, 0 <unfinished ...>", "5 +++ killed by SIGSYS +++"),
            "cell");
    SeccompProfile killing = Derivation.parse("getrandom=kill").apply(DEFAULT);

    List<Culprit> culprits =
        Attribution.culprits(baseline, cell, seccompOnly("kill", killing, false), "amd64");

    assertEquals(1, culprits.size());
    assertEquals("seccomp", culprits.get(0).cause());
    assertTrue(
        culprits
            .get(0)
            .describe()
            .startsWith("getrandom killed by SIGSYS [seccomp: killed by the profile"),
        culprits.get(0).describe());
  }

  @Test
  void culprits_reportSigsysKill_fromCapturedTrace() {
    SeccompProfile killing = Derivation.parse("getrandom=kill").apply(DEFAULT);

    List<Culprit> culprits =
        Attribution.culprits(
            trace("host-threads-fork.log"),
            trace("host-sigsys.log"),
            seccompOnly("getrandom-kill", killing, false),
            "amd64");

    assertEquals(
        List.of("getrandom SIGSYS seccomp"),
        culprits.stream().map(c -> c.syscall() + " " + c.errno() + " " + c.cause()).toList());
  }

  @Test
  void untraceable_whenProfileKillsWhatStraceCallsItself() {
    SeccompProfile killing = Derivation.parse("getrandom=kill").apply(DEFAULT);

    assertEquals(
        Optional.of(
            "not traceable under this profile: getrandom kills the tracer (SCMP_ACT_KILL_PROCESS)"),
        StraceTraceability.untraceable(seccompOnly("k", killing, false), "amd64"));
  }

  @Test
  void untraceable_whenProfileDeniesPtraceOrWait4() {
    SeccompProfile allowlist =
        ProfileGenerator.allowlist(trace("restrict-unconfined.log").syscallNames());
    SeccompProfile noWait = Derivation.parse("wait4=EPERM").apply(DEFAULT);

    assertEquals(
        Optional.empty(), StraceTraceability.untraceable(seccompOnly("d", DEFAULT, true), "amd64"));
    assertEquals(
        Optional.empty(), StraceTraceability.untraceable(seccompOnly("u", null, false), "amd64"));
    assertEquals(
        Optional.of(
            "not traceable under this profile: ptrace denied (SCMP_ACT_ERRNO (EPERM)), "
                + "wait4 denied (SCMP_ACT_ERRNO (EPERM))"),
        StraceTraceability.untraceable(seccompOnly("a", allowlist, false), "amd64"));
    assertEquals(
        Optional.of("not traceable under this profile: wait4 denied (SCMP_ACT_ERRNO (EPERM))"),
        StraceTraceability.untraceable(seccompOnly("w", noWait, false), "amd64"));
  }

  @Test
  void summaryLine_formsForOtherOutcomes_andNoCulprit() {
    assertEquals(
        "no-network: timed out after 30s (unconfined: exit 0) <- no failing syscall differs from unconfined",
        Attribution.summaryLine(
            "no-network", "timed out after 30s", "unconfined", "exit 0", List.of()));
    assertEquals(
        "x: killed by SIGKILL (unconfined: exit 0) <- a = -1 EPERM [unknown: d], b = -1 EROFS [read-only: e]",
        Attribution.summaryLine(
            "x",
            "killed by SIGKILL",
            "unconfined",
            "exit 0",
            List.of(
                new Culprit("a", "EPERM", "unknown", null, "d"),
                new Culprit("b", "EROFS", "read-only", null, "e"))));
  }
}
