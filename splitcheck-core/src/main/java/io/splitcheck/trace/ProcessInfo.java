package io.splitcheck.trace;

/**
 * A process of a trace, as it was when it made a call.
 *
 * @param pid the process id (thread-group id) in the trace's pid namespace
 * @param executable the path of its last successful execve before the call, inherited from its
 *     parent when it never exec'd; null when the trace does not show it (attach mode)
 * @param argv0 argv[0] of that execve, or null
 */
public record ProcessInfo(int pid, String executable, String argv0) {

  /** {@code bash[9]}: argv[0] (else the executable's file name, else {@code pid}) and the pid. */
  public String label() {
    String name =
        argv0 != null
            ? argv0
            : executable != null ? executable.substring(executable.lastIndexOf('/') + 1) : "pid";
    return name + "[" + pid + "]";
  }
}
