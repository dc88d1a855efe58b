package io.splitcheck.engine;

import java.util.List;

/** The builder ran and reported failure; the message quotes its own error lines. */
public final class BuildFailedException extends EngineException {
  /**
   * What Docker's BuildKit says when a build cache record still names a layer the image store has
   * deleted (moby/moby#41595, #36573; seen on Docker 20.10 after images were removed): the same
   * build with {@code --no-cache} succeeds, and {@code docker builder prune} clears the stale
   * record.
   */
  static final String STALE_CACHE = "layer does not exist";

  private final List<String> builderErrors;

  public BuildFailedException(String command, int exitCode, List<String> builderErrors) {
    super(
        "build failed ("
            + command
            + " exited "
            + exitCode
            + "):\n  "
            + String.join("\n  ", builderErrors)
            + hint(builderErrors));
    this.builderErrors = List.copyOf(builderErrors);
  }

  private static String hint(List<String> errors) {
    return errors.stream().anyMatch(e -> e.contains(STALE_CACHE))
        ? "\n  (the engine's build cache names a layer its image store no longer has, a known"
            + " BuildKit bug, moby/moby#41595: the Dockerfile is not at fault; `docker builder"
            + " prune` clears the stale cache, or build with --no-cache)"
        : "";
  }

  public List<String> builderErrors() {
    return builderErrors;
  }
}
