package io.splitcheck.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Failures of one syscall with one errno, grouped over a trace: the one record of a failed syscall,
 * from the trace parser to a cell's {@code failedSyscalls} in every report.
 *
 * @param name syscall name
 * @param errno symbolic errno
 * @param count number of failing calls
 * @param firstLine line of the first failing call in the trace (0 when read back from a report,
 *     which does not carry it)
 */
public record FailedSyscall(String name, String errno, int count, @JsonIgnore int firstLine) {

  public FailedSyscall(String name, String errno, int count) {
    this(name, errno, count, 0);
  }

  /** {@code getrandom = -1 EPERM}, the form used in summaries. */
  public String describe() {
    return name + " = -1 " + errno;
  }
}
