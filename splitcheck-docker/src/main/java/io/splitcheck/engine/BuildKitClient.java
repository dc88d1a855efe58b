package io.splitcheck.engine;

import java.util.List;

/**
 * A docker CLI that can build with BuildKit, and how: {@code docker buildx build --load} where the
 * buildx plugin exists, else {@code DOCKER_BUILDKIT=1 docker build} on a client older than 23.0
 * (which still has the BuildKit builder built in).
 */
public record BuildKitClient(String executable, Mode mode, String clientVersion) {
  public enum Mode {
    BUILDX,
    LEGACY_BUILDKIT
  }

  /** The argument vector up to and excluding the build options. */
  public List<String> buildCommand() {
    return mode == Mode.BUILDX
        ? List.of(executable, "buildx", "build", "--load")
        : List.of(executable, "build");
  }

  public String describe() {
    return mode == Mode.BUILDX
        ? executable + " buildx build (client " + clientVersion + ")"
        : "DOCKER_BUILDKIT=1 " + executable + " build (client " + clientVersion + ")";
  }
}
