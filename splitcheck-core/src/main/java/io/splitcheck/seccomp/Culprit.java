package io.splitcheck.seccomp;

import io.splitcheck.trace.ProcessInfo;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A syscall failure that appears in a cell's trace and not in the baseline's, with its cause: the
 * one record of a culprit, from the attribution that finds it to every renderer and report.json.
 *
 * @param errno symbolic errno, or the signal ({@code SIGSYS}) when the profile killed the process
 * @param cause {@code seccomp}, {@code capability}, {@code read-only}, {@code network}, {@code
 *     engine} (an engine split) or {@code unknown}
 * @param hazard a warning when the failure defeats libc's fallback, else null
 * @param role {@link #CAUSE}, {@link #CONSEQUENCE} (of an earlier failure) or {@link #FALLBACK}
 *     (handled)
 * @param roleReason why a consequence or a fallback ({@code handled fallback: clone succeeded next
 *     (line 9)}), else null
 * @param path the path argument of a path-taking call, else null
 * @param process the process that made the call, or null when not known
 * @param ancestry its ancestors, the entrypoint first (empty for the entrypoint itself)
 */
public record Culprit(
    String syscall,
    String errno,
    String cause,
    String hazard,
    String detail,
    String role,
    String roleReason,
    String path,
    ProcessInfo process,
    List<ProcessInfo> ancestry) {

  public static final String SECCOMP = "seccomp";
  public static final String CAPABILITY = "capability";
  public static final String READ_ONLY = "read-only";
  public static final String NETWORK = "network";
  public static final String UNKNOWN = "unknown";

  /** Two engines answer the syscall differently (default errno, default profile, runtime). */
  public static final String ENGINE = "engine";

  /** The failure decided a process's exit (as far as the trace tells). */
  public static final String CAUSE = "cause";

  /** A failure on a path an earlier failed call was to create. */
  public static final String CONSEQUENCE = "consequence";

  /** A failure its caller handled by a fallback call that succeeded. */
  public static final String FALLBACK = "fallback";

  public Culprit {
    ancestry = ancestry == null ? List.of() : List.copyOf(ancestry);
    role = role == null ? CAUSE : role;
  }

  /** A cause with no process, path or role reason (traces without process events, tests). */
  public Culprit(String syscall, String errno, String cause, String hazard, String detail) {
    this(syscall, errno, cause, hazard, detail, CAUSE, null, null, null, List.of());
  }

  /** The same culprit with its role, process and path set. */
  public Culprit with(
      String role,
      String roleReason,
      String path,
      ProcessInfo process,
      List<ProcessInfo> ancestry) {
    return new Culprit(
        syscall, errno, cause, hazard, detail, role, roleReason, path, process, ancestry);
  }

  /**
   * {@code sh[8] → bash[9] → bash[10]}: the ancestry and the process, or null when the process is
   * not known.
   */
  public String processChain() {
    if (process == null) {
      return null;
    }
    return ancestry.stream().map(ProcessInfo::label).collect(Collectors.joining(" → "))
        + (ancestry.isEmpty() ? "" : " → ")
        + process.label();
  }

  /** {@code getrandom/EPERM}: what identifies a culprit across runs (history, expectations). */
  public String key() {
    return syscall + "/" + errno;
  }

  /**
   * {@code getrandom = -1 EPERM [seccomp: not allowed by the engine default profile]}; a
   * consequence or a fallback says so, and the process chain follows when known: {@code ... by
   * sh[8] → bash[9]}.
   */
  public String describe() {
    String call =
        errno.startsWith("SIG") ? syscall + " killed by " + errno : syscall + " = -1 " + errno;
    String where = path == null ? "" : " on \"" + path + "\"";
    String by = process == null ? "" : " by " + processChain();
    String roleText =
        role.equals(CAUSE) ? "" : " (" + (roleReason == null ? role : roleReason) + ")";
    return call
        + where
        + " ["
        + cause
        + ": "
        + detail
        + (hazard == null ? "" : "; hazard: " + hazard)
        + "]"
        + roleText
        + by;
  }
}
