package io.splitcheck.matrix;

/** One syscall that failed in a cell's trace: name, errno and how often. */
public record FailedSyscallCount(String name, String errno, int count) {}
