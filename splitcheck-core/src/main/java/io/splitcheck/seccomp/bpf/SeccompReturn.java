package io.splitcheck.seccomp.bpf;

import io.splitcheck.seccomp.Decision;
import io.splitcheck.seccomp.Errnos;
import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SeccompActions;

/**
 * A filter's 32-bit result read as the kernel reads it ({@code SECCOMP_RET_ACTION_FULL} and the
 * data bits).
 */
public final class SeccompReturn {

  private SeccompReturn() {}

  /** The action name of a filter result; unknown actions are KILL_PROCESS, as in the kernel. */
  public static String action(long ret) {
    long action = ret & 0xffff0000L;
    if (action == RuncConfig.ACT_ALLOW) {
      return SeccompActions.ALLOW;
    } else if (action == RuncConfig.ACT_LOG) {
      return SeccompActions.LOG;
    } else if (action == RuncConfig.ACT_TRACE) {
      return SeccompActions.TRACE;
    } else if (action == RuncConfig.ACT_NOTIFY) {
      return SeccompActions.NOTIFY;
    } else if (action == RuncConfig.ACT_ERRNO) {
      return SeccompActions.ERRNO;
    } else if (action == RuncConfig.ACT_TRAP) {
      return SeccompActions.TRAP;
    } else if (action == RuncConfig.ACT_KILL_THREAD) {
      return SeccompActions.KILL_THREAD;
    }
    return SeccompActions.KILL_PROCESS;
  }

  /** The errno an ERRNO result sets (the kernel caps the data at 4095), else null. */
  public static Integer errno(long ret) {
    return action(ret).equals(SeccompActions.ERRNO) ? (int) Math.min(ret & 0xffffL, 4095) : null;
  }

  public static Decision decision(long ret, String reason) {
    String action = action(ret);
    Integer errno = errno(ret);
    String name = errno == null ? null : Errnos.nameOrNumber(errno);
    return new Decision(
        action, errno, name, reason + action + (name == null ? "" : " (" + name + ")"));
  }
}
