package io.splitcheck.seccomp;

import java.util.List;

/** The action and comparison-operator names of the OCI/moby seccomp profile format. */
public final class SeccompActions {

  public static final String ALLOW = "SCMP_ACT_ALLOW";
  public static final String ERRNO = "SCMP_ACT_ERRNO";
  public static final String KILL = "SCMP_ACT_KILL";
  public static final String KILL_PROCESS = "SCMP_ACT_KILL_PROCESS";
  public static final String KILL_THREAD = "SCMP_ACT_KILL_THREAD";
  public static final String TRAP = "SCMP_ACT_TRAP";
  public static final String TRACE = "SCMP_ACT_TRACE";
  public static final String LOG = "SCMP_ACT_LOG";
  public static final String NOTIFY = "SCMP_ACT_NOTIFY";

  /**
   * Not an action: the decision for a name that is no syscall on the architecture (libseccomp
   * resolves it only on others), so no call can reach the filter under that name. Never valid in a
   * profile.
   */
  public static final String NO_SYSCALL = "NOT_A_SYSCALL";

  /** Every action, in the order error messages list them. */
  public static final List<String> ALL =
      List.of(ALLOW, ERRNO, KILL, KILL_PROCESS, KILL_THREAD, TRAP, TRACE, LOG, NOTIFY);

  /** Comparison operators of {@code args[].op}. */
  public static final List<String> OPS =
      List.of(
          "SCMP_CMP_NE",
          "SCMP_CMP_LT",
          "SCMP_CMP_LE",
          "SCMP_CMP_EQ",
          "SCMP_CMP_GE",
          "SCMP_CMP_GT",
          "SCMP_CMP_MASKED_EQ");

  private SeccompActions() {}

  /**
   * True for actions under which the call proceeds (ALLOW, LOG, and NOTIFY/TRACE which a supervisor
   * may allow).
   */
  public static boolean proceeds(String action) {
    return action.equals(ALLOW) || action.equals(LOG);
  }

  /** True for actions that end the thread or process instead of returning. */
  public static boolean kills(String action) {
    return action.equals(KILL) || action.equals(KILL_PROCESS) || action.equals(KILL_THREAD);
  }
}
