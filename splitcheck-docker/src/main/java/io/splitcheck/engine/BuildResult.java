package io.splitcheck.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param imageId the image id the builder wrote to its {@code --iidfile} ({@code sha256:...})
 * @param log the {@code --progress=plain} log, kept for later reading (cache statistics)
 */
public record BuildResult(String imageId, String tag, Path log, Duration wall) {}
