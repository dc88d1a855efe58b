package io.splitcheck.trace.bpf;

import io.splitcheck.seccomp.Decision;
import io.splitcheck.seccomp.Errnos;
import io.splitcheck.seccomp.ProfileEvaluator;
import io.splitcheck.seccomp.SeccompProfile;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a container under a custom profile did not start: the calls its runtime made after loading
 * the profile's filter (runc init between its {@code prctl(PR_SET_SECCOMP)} and the exec of the
 * workload) that the profile denies with the errno they returned. A profile written from a trace of
 * the workload alone ("allow what the program calls") misses them, and the runtime's error names
 * none: runc 1.1 says {@code operation not permitted} when its chdir or capget is refused, and
 * {@code cannot start a stopped process} when it cannot even open its exec fifo.
 */
public final class RuntimeDenials {
  private RuntimeDenials() {}

  /**
   * The denied calls, in the order first made, each once per syscall: {@code runc:[2:INIT] chdir
   * (EPERM)}. Failures the profile allows (epoll_ctl's EPERM on a fifo) are not the filter's and
   * are left out.
   */
  public static List<BpfTraceLog.FilteredCall> denied(
      BpfTraceLog log, SeccompProfile profile, Set<String> caps, String arch) {
    Set<String> named = new HashSet<>();
    return log.callsAfterFilterLoad().stream()
        .filter(c -> deniedWith(profile, caps, arch, c))
        .filter(c -> named.add(c.syscall()))
        .toList();
  }

  private static boolean deniedWith(
      SeccompProfile profile, Set<String> caps, String arch, BpfTraceLog.FilteredCall c) {
    Decision d = ProfileEvaluator.evaluate(profile, c.syscall(), caps, arch);
    if (d.notASyscall() || d.allowed() && !d.conditional()) {
      return false;
    }
    return d.errno() != null && d.errno() == c.errno();
  }

  /**
   * The sentence for a cell's report, or empty when the trace saw no denied call (the filter was
   * never loaded, or the runtime failed for another reason).
   */
  public static Optional<String> explain(List<BpfTraceLog.FilteredCall> denied) {
    if (denied.isEmpty()) {
      return Optional.empty();
    }
    String comms =
        denied.stream()
            .map(BpfTraceLog.FilteredCall::comm)
            .distinct()
            .collect(Collectors.joining(", "));
    String calls =
        denied.stream()
            .map(c -> c.syscall() + " (" + Errnos.name(c.errno()).orElse("E" + c.errno()) + ")")
            .collect(Collectors.joining(", "));
    return Optional.of(
        "the profile denies the runtime ("
            + comms
            + ", after it loaded the filter and before the program's exec): "
            + calls
            + "; runc makes these calls under the filter before it execs any program: allow"
            + " them in the profile");
  }
}
