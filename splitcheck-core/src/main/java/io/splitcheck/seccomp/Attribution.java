package io.splitcheck.seccomp;

import io.splitcheck.trace.FailedSyscall;
import io.splitcheck.trace.ProcessTree;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names the syscall failures behind a split: failures (name + errno) of the cell's trace that the
 * baseline's trace does not have, each with its cause. Cause rules, in order: {@code seccomp} when
 * the cell's profile denies the call with that errno (for the cell's capabilities and arch); {@code
 * read-only} for EROFS; {@code network} for unreachable-network errnos in a cell without network;
 * {@code capability} for EPERM/EACCES on a call that needs a capability the cell drops; otherwise
 * {@code unknown}.
 */
public final class Attribution {

  static final Set<String> NETWORK_ERRNOS =
      Set.of("ENETUNREACH", "EADDRNOTAVAIL", "EHOSTUNREACH", "ENETDOWN", "ENONET");
  private static final Set<String> WOULD_BLOCK_CALLS =
      Set.of(
          "read",
          "readv",
          "write",
          "writev",
          "recvfrom",
          "recvmsg",
          "recvmmsg",
          "sendto",
          "sendmsg",
          "sendmmsg",
          "accept",
          "accept4",
          "wait4",
          "waitid");

  private Attribution() {}

  /**
   * Culprits ranked by causality ({@link Causality}): causes first, then consequences, then handled
   * fallbacks; each labelled with its role, its process and that process's ancestry. A process
   * killed by SIGSYS adds one too.
   */
  public static List<Culprit> culprits(
      Trace baseline, Trace cell, CellRestrictions r, String arch) {
    Set<String> known =
        baseline.failures().stream()
            .map(f -> f.name() + " " + f.errno())
            .collect(Collectors.toSet());
    List<Causality.Found> found = new ArrayList<>();
    ProcessTree tree = ProcessTree.of(cell);
    PathLookups lookups = new PathLookups(cell, tree);
    for (FailedSyscall f : cell.failures()) {
      if (known.contains(f.name() + " " + f.errno()) || flowControl(f.name(), f.errno())) {
        continue;
      }
      List<SyscallEvent> events =
          events(cell, f).stream().filter(e -> !lookups.handled(e)).toList();
      if (!events.isEmpty()) {
        found.add(new Causality.Found(classify(events.get(0), r, arch), events));
      }
    }
    found.addAll(killedBySigsys(baseline, cell, r, arch));
    return List.copyOf(new Causality(cell, tree).rank(found));
  }

  /**
   * Answers that report timing, not failure: interrupted (EINTR), a futex whose value changed or
   * whose wait timed out, a non-blocking call that would block, a connect still in progress.
   * Whether they happen in a run is a matter of scheduling, so they are never culprits.
   */
  static boolean flowControl(String name, String errno) {
    return errno.equals("EINTR")
        || name.startsWith("futex") && (errno.equals("EAGAIN") || errno.equals("ETIMEDOUT"))
        || WOULD_BLOCK_CALLS.contains(name) && errno.equals("EAGAIN")
        || name.equals("connect") && errno.equals("EINPROGRESS");
  }

  private static List<SyscallEvent> events(Trace trace, FailedSyscall f) {
    return trace.events().stream()
        .filter(e -> e.failed() && e.name().equals(f.name()) && e.errno().equals(f.errno()))
        .toList();
  }

  private static Culprit classify(SyscallEvent e, CellRestrictions r, String arch) {
    String name = e.name();
    String errno = e.errno();
    Optional<String> seccomp = seccompDetail(name, errno, r, arch);
    if (seccomp.isPresent()) {
      return new Culprit(name, errno, Culprit.SECCOMP, Hazards.hazard(name, errno), seccomp.get());
    }
    if (errno.equals("EROFS")) {
      String detail =
          r.readOnlyRoot() ? "the root filesystem is read-only" + writable(r) : "a read-only mount";
      return new Culprit(name, errno, Culprit.READ_ONLY, null, detail);
    }
    if (r.noNetwork() && NETWORK_ERRNOS.contains(errno)) {
      return new Culprit(
          name, errno, Culprit.NETWORK, null, "the cell has no network (--network none)");
    }
    if (name.startsWith("execve")
        && errno.equals("EPERM")
        && !r.effectiveCaps().containsAll(CellRestrictions.DOCKER_DEFAULT_CAPS)) {
      return new Culprit(
          name,
          errno,
          Culprit.CAPABILITY,
          null,
          "the program carries file capabilities"
              + " this cell's bounding set drops (execve fails with EPERM when it cannot grant them)");
    }
    Optional<String> cap = CapabilityRules.required(name, e.arguments(), errno);
    if (cap.isPresent() && !r.effectiveCaps().contains(cap.get())) {
      return new Culprit(
          name, errno, Culprit.CAPABILITY, null, "needs " + cap.get() + ", which this cell drops");
    }
    return new Culprit(
        name,
        errno,
        Culprit.UNKNOWN,
        Hazards.hazard(name, errno),
        "fails only in this cell; no profile rule, dropped capability, read-only root or missing network explains it");
  }

  private static String writable(CellRestrictions r) {
    return r.writablePaths().isEmpty()
        ? ""
        : " (writable: "
            + r.writablePaths().stream().sorted().collect(Collectors.joining(", "))
            + ")";
  }

  private static Optional<String> seccompDetail(
      String name, String errno, CellRestrictions r, String arch) {
    if (r.profile() == null || name.startsWith("syscall_")) {
      return Optional.empty();
    }
    Optional<Integer> observed = Errnos.number(errno);
    Decision d = ProfileEvaluator.evaluate(r.profile(), name, r.effectiveCaps(), arch);
    if (d.conditional()) {
      Decision otherwise =
          ProfileEvaluator.unconditional(r.profile(), name, r.effectiveCaps(), arch);
      return observed.isPresent() && observed.get().equals(otherwise.errno())
          ? Optional.of("denied for these arguments by " + profileName(r) + ": " + d.reason())
          : Optional.empty();
    }
    if (d.allowed()
        || d.errno() == null
        || observed.isEmpty()
        || !observed.get().equals(d.errno())) {
      return Optional.empty();
    }
    return Optional.of(
        d.byDefault()
            ? "not allowed by " + profileName(r) + skippedRule(d.reason())
            : "denied by " + profileName(r) + ": " + d.reason());
  }

  /**
   * {@code : rule syscalls[N] (...) has the default action, so runc skips it} when the evaluator
   * says so.
   */
  private static String skippedRule(String reason) {
    int from = reason.indexOf("(rule syscalls[");
    int to = reason.indexOf("so runc skips it)");
    return from < 0 || to < from
        ? ""
        : ": " + reason.substring(from + 1, to + "so runc skips it".length());
  }

  private static String profileName(CellRestrictions r) {
    return r.engineDefaultProfile() ? "the engine default profile" : "the profile";
  }

  private static List<Causality.Found> killedBySigsys(
      Trace baseline, Trace cell, CellRestrictions r, String arch) {
    List<Causality.Found> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean baselineSigsys = baseline.killedBy().containsValue("SIGSYS");
    for (Map.Entry<Integer, String> kill : cell.killedBy().entrySet()) {
      if (!kill.getValue().equals("SIGSYS") || baselineSigsys) {
        continue;
      }
      Optional<SyscallEvent> last =
          cell.events().stream().filter(e -> e.pid() == kill.getKey()).reduce((a, b) -> b);
      if (last.isPresent() && seen.add(last.get().name())) {
        String name = last.get().name();
        Decision d =
            r.profile() == null
                ? null
                : ProfileEvaluator.evaluate(r.profile(), name, r.effectiveCaps(), arch);
        boolean byProfile = d != null && SeccompActions.kills(d.action());
        result.add(
            new Causality.Found(
                new Culprit(
                    name,
                    "SIGSYS",
                    byProfile ? Culprit.SECCOMP : Culprit.UNKNOWN,
                    null,
                    byProfile
                        ? "killed by " + profileName(r) + ": " + d.reason()
                        : "the process died of SIGSYS in this call"),
                List.of(last.get())));
      }
    }
    return result;
  }

  /** {@code runtime-default: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: ...]}. */
  public static String summaryLine(
      String cell, int exit, String baselineCell, int baselineExit, List<Culprit> culprits) {
    return summary(
        cell + ": exit " + exit + " (" + baselineCell + ": " + baselineExit + ")",
        baselineCell,
        culprits);
  }

  /**
   * For outcomes other than an exit code: {@code summaryLine("x", "timed out after 30s",
   * "unconfined", "exit 0", c)} gives {@code x: timed out after 30s (unconfined: exit 0) <- ...}.
   */
  public static String summaryLine(
      String cell,
      String outcome,
      String baselineCell,
      String baselineOutcome,
      List<Culprit> culprits) {
    return summary(
        cell + ": " + outcome + " (" + baselineCell + ": " + baselineOutcome + ")",
        baselineCell,
        culprits);
  }

  private static String summary(String head, String baselineCell, List<Culprit> culprits) {
    if (culprits.isEmpty()) {
      return head + " <- no failing syscall differs from " + baselineCell;
    }
    return head
        + " <- "
        + culprits.stream().map(Culprit::describe).collect(Collectors.joining(", "));
  }
}
