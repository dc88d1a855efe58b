package io.splitcheck.engine;

import java.nio.file.Path;

/**
 * How one container ended.
 *
 * @param exitCode the engine's exit code (128+N when killed by signal N)
 * @param timedOut killed by splitcheck at the timeout
 * @param oomKilled killed by the kernel's OOM killer
 * @param wallMillis from start to exit
 * @param stdout the first bytes of stdout
 * @param stderr the first bytes of stderr
 * @param startError the engine's error when the container could not start, else null
 * @param readBack a host temp file holding the requested file, null when not requested or absent;
 *     the caller deletes it
 * @param memoryPeak the most memory the container's cgroup used (bytes), read before the engine
 *     removed it; null when not read (no deliberate memory limit, an engine not on this host,
 *     another driver)
 */
public record ContainerExit(
    int exitCode,
    boolean timedOut,
    boolean oomKilled,
    long wallMillis,
    CappedOutput stdout,
    CappedOutput stderr,
    String startError,
    Path readBack,
    Long memoryPeak) {
  public ContainerExit(
      int exitCode,
      boolean timedOut,
      boolean oomKilled,
      long wallMillis,
      CappedOutput stdout,
      CappedOutput stderr,
      String startError,
      Path readBack) {
    this(exitCode, timedOut, oomKilled, wallMillis, stdout, stderr, startError, readBack, null);
  }

  /** The same exit with the cgroup's peak. */
  public ContainerExit withMemoryPeak(Long peak) {
    return new ContainerExit(
        exitCode, timedOut, oomKilled, wallMillis, stdout, stderr, startError, readBack, peak);
  }
}
