package io.splitcheck.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where results that hold until something they depend on changes are kept between commands: the
 * directory scripts/splitcheck keeps its passed checks in ({@value #ENV}, else {@code
 * $XDG_RUNTIME_DIR}, else {@code /tmp}, then {@code splitcheck-checks-UID}), as scripts/splitcheck
 * computes it: one directory for the script and every JVM, never a run's own {@code java.io.tmpdir}
 * (which a build or a test may point at a folder it expects to find empty).
 */
public final class ChecksDirectory {
  public static final String ENV = "SPLITCHECK_CHECK_CACHE";

  private ChecksDirectory() {}

  /** This user's directory, where the environment puts it. */
  public static Path standard() {
    return of(System.getenv(), "/tmp", uid());
  }

  static Path of(Map<String, String> env, String tmp, String uid) {
    String set = env.get(ENV);
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    String base = runtime != null && !runtime.isBlank() ? runtime : tmp;
    return Path.of(base, "splitcheck-checks-" + uid);
  }

  private static String uid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return System.getProperty("user.name", "user");
    }
  }
}
