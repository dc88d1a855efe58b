package io.splitcheck.seccomp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Locates the engine's default seccomp profile: an explicit path, else {@code
 * SPLITCHECK_DEFAULT_PROFILE}, else moby's source copy installed with the engine's Go sources.
 */
public final class DefaultProfiles {

  public static final String ENV = "SPLITCHECK_DEFAULT_PROFILE";
  public static final Path MOBY_DEFAULT =
      Path.of("/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json");

  private DefaultProfiles() {}

  /** From the process environment. */
  public static Path locate() {
    return locate(null, System.getenv());
  }

  /**
   * {@code explicit} (may be null) wins, then {@value #ENV} in {@code env}, then {@link
   * #MOBY_DEFAULT}.
   */
  public static Path locate(Path explicit, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    Path chosen =
        explicit != null
            ? explicit
            : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : MOBY_DEFAULT;
    if (Files.isRegularFile(chosen)) {
      return chosen;
    }
    if (explicit != null || fromEnv != null && !fromEnv.isBlank()) {
      String given = explicit != null ? "the given path " + explicit : ENV + "=" + fromEnv;
      throw new IllegalStateException(
          "No engine default seccomp profile: "
              + given
              + " is not a readable file"
              + " ("
              + MOBY_DEFAULT
              + " is used only when no path is given and "
              + ENV
              + " is unset)");
    }
    throw new IllegalStateException(
        "No engine default seccomp profile: "
            + ENV
            + " is not set and "
            + MOBY_DEFAULT
            + " does not exist; set "
            + ENV
            + " to a copy of moby's profiles/seccomp/default.json");
  }

  /** Reads the located profile. */
  public static SeccompProfile load(Path explicit, Map<String, String> env) {
    return SeccompProfile.read(locate(explicit, env));
  }

  public static SeccompProfile load() {
    return load(null, System.getenv());
  }
}
