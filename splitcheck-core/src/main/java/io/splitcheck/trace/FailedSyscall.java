package io.splitcheck.trace;

/**
 * Failures of one syscall with one errno, grouped over a trace.
 *
 * @param name      syscall name
 * @param errno     symbolic errno
 * @param count     number of failing calls
 * @param firstLine line of the first failing call
 */
public record FailedSyscall(String name, String errno, int count, int firstLine) {

    /** {@code getrandom = -1 EPERM}, the form used in summaries. */
    public String describe() {
        return name + " = -1 " + errno;
    }
}
