package io.splitcheck.matrix;

/**
 * What a cell's run came to; two cells split when their outcomes differ.
 *
 * @param exitCode the container's exit code (ignored in comparisons when timed out)
 * @param timedOut killed by splitcheck at the timeout
 * @param oomKilled killed by the kernel's OOM killer
 */
public record Outcome(int exitCode, boolean timedOut, boolean oomKilled) {
  /** Same exit code, timeout and kill; two timed-out runs are alike whatever code the kill left. */
  public boolean sameAs(Outcome other) {
    if (timedOut || other.timedOut) {
      return timedOut == other.timedOut;
    }
    return exitCode == other.exitCode && oomKilled == other.oomKilled;
  }

  /** {@code exit 3}, {@code timed out}, {@code OOM-killed (exit 137)}. */
  public String describe() {
    if (timedOut) {
      return "timed out";
    }
    return oomKilled ? "OOM-killed (exit " + exitCode + ")" : "exit " + exitCode;
  }
}
