package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Builds on a Podman service with buildah, through the podman CLI as a remote client of that
 * service ({@code podman --remote --url URL build}): the Docker-compatible API's {@code /build} is
 * buildah too, but only the CLI takes {@code --timestamp}. buildah 1.28 (Podman 4.3) does not read
 * SOURCE_DATE_EPOCH; {@code --timestamp SECONDS} sets the config's and history's created time and
 * the mtime of every file in the layers it writes.
 */
public final class PodmanBuilder implements ImageBuilder {
  /** The podman CLI to build with. */
  public static final String ENV = "SPLITCHECK_PODMAN";

  private static final String DEFAULT = "/usr/bin/podman";

  private final String podman;
  private final String url;
  private final Path workDir;
  private final OptionalLong timestamp;

  /**
   * @param url the service's unix:// URL
   * @param timestamp passed as {@code --timestamp} to every build, or empty for none
   */
  public PodmanBuilder(String url, Path workDir, OptionalLong timestamp) {
    String env = System.getenv(ENV);
    this.podman = env == null || env.isBlank() ? DEFAULT : env;
    this.url = url;
    this.workDir = workDir;
    this.timestamp = timestamp;
  }

  public String describe() {
    return podman
        + " --remote build (buildah"
        + timestamp.stream().mapToObj(t -> ", --timestamp " + t).findFirst().orElse("")
        + ")";
  }

  @Override
  public BuildResult build(BuildRequest request) throws EngineException {
    String name = request.tag().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path iid = workDir.resolve(name + ".iid");
    Path log = workDir.resolve(name + ".log");
    List<String> command = command(request, iid);
    long start = System.nanoTime();
    int exit = run(command, log, request.timeout());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (exit != 0) {
      throw new BuildFailedException(String.join(" ", command), exit, tail(log));
    }
    try {
      String id = Files.readString(iid, StandardCharsets.UTF_8).trim();
      if (!id.startsWith("sha256:")) {
        id = "sha256:" + id;
      }
      return new BuildResult(id, request.tag(), log, wall);
    } catch (IOException e) {
      throw new EngineException("cannot read podman's --iidfile " + iid + ": " + e.getMessage(), e);
    }
  }

  List<String> command(BuildRequest r, Path iid) {
    List<String> c = new ArrayList<>(List.of(podman, "--remote", "--url", url, "build"));
    if (r.noCache()) {
      c.add("--no-cache");
    }
    timestamp.ifPresent(
        t -> {
          c.add("--timestamp");
          c.add(Long.toString(t));
        });
    c.add("--iidfile");
    c.add(iid.toString());
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
    c.add("-t");
    c.add(r.tag());
    c.add(r.context().toString());
    return c;
  }

  private static int run(List<String> command, Path log, Duration timeout) throws EngineException {
    ProcessBuilder pb =
        new ProcessBuilder(BuildKitBuilder.dieWithParent(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
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

  private static List<String> tail(Path log) throws EngineException {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(
          Math.max(0, lines.size() - BuildKitBuilder.QUOTED_ERROR_LINES), lines.size());
    } catch (IOException e) {
      throw new EngineException("cannot read build log " + log + ": " + e.getMessage(), e);
    }
  }
}
