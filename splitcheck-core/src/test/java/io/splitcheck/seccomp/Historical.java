package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker's historical default profiles (moby's {@code profiles/seccomp/default.json} at v19.03.0
 * and v20.10.0: {@code docker-19.03.0.json}, {@code docker-20.10.0.json}) are not in this
 * repository: no Debian package carries them, and what the project's lookup tool brings may not be
 * committed. A developer who has them puts them in a folder named by {@code
 * SPLITCHECK_HISTORICAL_PROFILES}; the tests that read them are skipped otherwise. What they
 * showed, measured with them, is in docs/seccomp.md.
 */
public final class Historical {
  public static final String ENV = "SPLITCHECK_HISTORICAL_PROFILES";

  private Historical() {}

  /** The file, or the test is skipped (aborted) naming what is missing. */
  public static Path profile(String file) {
    String dir = System.getenv(ENV);
    Path p = dir == null ? null : Path.of(dir, file);
    assumeTrue(
        p != null && Files.isRegularFile(p),
        file
            + ": historical profile not present (set "
            + ENV
            + " to a folder holding moby's default.json of that release as "
            + file
            + ")");
    return p;
  }
}
