package io.splitcheck.engine;

import java.util.List;

/** The builder ran and reported failure; the message quotes its own error lines. */
public final class BuildFailedException extends EngineException {
  private final List<String> builderErrors;

  public BuildFailedException(String command, int exitCode, List<String> builderErrors) {
    super(
        "build failed ("
            + command
            + " exited "
            + exitCode
            + "):\n  "
            + String.join("\n  ", builderErrors));
    this.builderErrors = List.copyOf(builderErrors);
  }

  public List<String> builderErrors() {
    return builderErrors;
  }
}
