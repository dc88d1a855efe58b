package io.splitcheck.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The time of the latest git commit that touched a directory ({@code git log -1 --format=%ct --
 * .}), the usual SOURCE_DATE_EPOCH of a build context. Empty where there is none: not in a git work
 * tree, nothing committed under it, or no git.
 */
public final class GitCommitTime {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private GitCommitTime() {}

  public static OptionalLong latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return OptionalLong.empty();
    }
    try {
      return parse(
          HostCommand.run(List.of("git", "log", "-1", "--format=%ct", "--", "."), dir, TIMEOUT));
    } catch (EngineException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong parse(String output) {
    String s = output.strip();
    return s.matches("\\d+") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
  }
}
