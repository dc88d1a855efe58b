package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Builds with buildx (BuildKit v0.13+) and exports the image to a tarball instead of the engine's
 * image store: {@code docker-buildx build --output type=docker,dest=FILE,rewrite-timestamp=true},
 * with {@code SOURCE_DATE_EPOCH} in its environment (buildx passes it to BuildKit as a build
 * argument). The tarball is an OCI layout ({@code index.json}, {@code blobs/}) with Docker's {@code
 * manifest.json} beside it, so the saved-image readers read it like {@code docker save}. Only an
 * export applies {@code rewrite-timestamp} to the layers' file times: the image buildx loads into
 * the engine's store keeps the build's own times.
 */
public final class BuildxExporter {
  /** The buildx binary ({@code docker-buildx}) to use. */
  public static final String ENV = "SPLITCHECK_BUILDX";

  /** Where {@code scripts/engine --kind docker-26} unpacks Debian 13's docker-buildx 0.13.1. */
  public static final Path DOCKER26_BUILDX =
      Path.of("/opt/splitcheck/docker-26/usr/libexec/docker/cli-plugins/docker-buildx");

  private final Path buildx;
  private final String dockerHost;

  /**
   * @param dockerHost the engine buildx builds on (its DOCKER_HOST)
   */
  public BuildxExporter(Path buildx, String dockerHost) {
    this.buildx = buildx;
    this.dockerHost = dockerHost;
  }

  /**
   * The override ({@code --buildx}), else {@value #ENV}, else {@link #DOCKER26_BUILDX} when it
   * exists.
   */
  public static Optional<Path> find(Path override) {
    if (override != null) {
      return Optional.of(override);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    return Files.isExecutable(DOCKER26_BUILDX) ? Optional.of(DOCKER26_BUILDX) : Optional.empty();
  }

  public String describe() {
    return buildx
        + " build --output type=docker,dest=…,rewrite-timestamp=true (DOCKER_HOST="
        + dockerHost
        + ")";
  }

  /**
   * One build of {@code request} (its tag is only a name for the log) exported to {@code dest}.
   *
   * @param sourceDateEpoch passed as SOURCE_DATE_EPOCH, or empty to pass none
   * @return the wall time of the build
   */
  public Duration export(BuildRequest request, OptionalLong sourceDateEpoch, Path dest, Path log)
      throws EngineException {
    List<String> command = command(request, dest);
    ProcessBuilder pb =
        new ProcessBuilder(BuildKitBuilder.dieWithParent(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("DOCKER_HOST", dockerHost);
    pb.environment().remove("SOURCE_DATE_EPOCH");
    sourceDateEpoch.ifPresent(s -> pb.environment().put("SOURCE_DATE_EPOCH", Long.toString(s)));
    long start = System.nanoTime();
    int exit = run(pb, command, request.timeout());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new BuildFailedException(
          String.join(" ", command), exit, BuildKitBuilder.errorLines(lines(log)));
    }
    if (!Files.isRegularFile(dest)) {
      throw new EngineException(
          "buildx exported nothing to " + dest + " (" + String.join(" ", command) + ")");
    }
    return wall;
  }

  List<String> command(BuildRequest r, Path dest) {
    List<String> c = new ArrayList<>(List.of(buildx.toString(), "build"));
    if (r.noCache()) {
      c.add("--no-cache");
    }
    c.add("--progress=plain");
    c.add("--output");
    c.add("type=docker,dest=" + dest + ",rewrite-timestamp=true");
    if (r.dockerfile() != null) {
      c.add("-f");
      c.add(r.dockerfile().toString());
    }
    r.buildArgs()
        .forEach(
            (k, v) -> {
              c.add("--build-arg");
              c.add(k + "=" + v);
            });
    for (BuildRequest.Secret s : r.secrets()) {
      c.add("--secret");
      c.add("id=" + s.id() + ",src=" + s.source());
    }
    if (r.target() != null) {
      c.add("--target");
      c.add(r.target());
    }
    c.add(r.context().toString());
    return c;
  }

  private static int run(ProcessBuilder pb, List<String> command, Duration timeout)
      throws EngineException {
    try {
      Process p = ChildProcesses.track(pb.start());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new EngineException(
            "build timed out after "
                + timeout.toSeconds()
                + "s (--build-timeout) and was killed: "
                + String.join(" ", command));
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new EngineException(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while building: " + String.join(" ", command), e);
    }
  }

  private static List<String> lines(Path log) throws EngineException {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException("cannot read build log " + log + ": " + e.getMessage(), e);
    }
  }
}
