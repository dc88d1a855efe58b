package io.splitcheck.trace;

import java.util.Objects;

/**
 * One completed system call from an strace log.
 *
 * @param line 1-based line of the call's completion (the {@code <... resumed>} line for split
 *     calls)
 * @param pid process/thread id, or 0 when the log has no pid column
 * @param name syscall name as strace prints it ({@code syscall_0x3e7} for unknown numbers)
 * @param arguments raw argument text between the parentheses (split calls joined)
 * @param result raw return text: {@code "0"}, {@code "-1"}, {@code "?"}, {@code "0x7f..."}
 * @param errno symbolic errno ({@code "EPERM"}, {@code "ERESTARTSYS"}) or null on success
 */
public record SyscallEvent(
    int line, int pid, String name, String arguments, String result, String errno) {

  public SyscallEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(result, "result");
  }

  /**
   * True when the call failed with a real errno (kernel-internal ERESTART* codes are not failures).
   */
  public boolean failed() {
    return errno != null && !errno.startsWith("ERESTART");
  }
}
