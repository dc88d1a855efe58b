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
 */
public record ContainerExit(int exitCode, boolean timedOut, boolean oomKilled, long wallMillis,
                            CappedOutput stdout, CappedOutput stderr, String startError,
                            Path readBack) {}
