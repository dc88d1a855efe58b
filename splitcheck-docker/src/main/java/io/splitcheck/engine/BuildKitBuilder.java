package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds through the docker CLI with BuildKit (docker-java's build API uses the classic builder,
 * which rejects {@code RUN --mount}). The image id comes from {@code --iidfile}; the {@code
 * --progress=plain} log is kept beside it.
 */
public final class BuildKitBuilder implements ImageBuilder {
  /** How many of the builder's own lines an error quotes at most. */
  static final int QUOTED_ERROR_LINES = 12;

  private final BuildKitClient client;
  private final Path workDir;
  private final String dockerHost;

  /**
   * @param workDir where iid files and build logs are written (one pair per build)
   */
  public BuildKitBuilder(BuildKitClient client, Path workDir) {
    this(client, workDir, null);
  }

  /**
   * @param dockerHost passed to the client as DOCKER_HOST, or null for the environment's
   */
  public BuildKitBuilder(BuildKitClient client, Path workDir, String dockerHost) {
    this.client = client;
    this.workDir = workDir;
    this.dockerHost = dockerHost;
  }

  public BuildKitClient client() {
    return client;
  }

  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  @Override
  public BuildResult build(BuildRequest request) throws EngineException {
    String name = request.tag().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path iid = workDir.resolve(name + ".iid");
    Path log = workDir.resolve(name + ".log");
    List<String> command = command(request, iid);
    long start = System.nanoTime();
    int exit = runBuild(command, log, request.timeout());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    List<String> lines = readLines(log);
    if (exit != 0) {
      throw new BuildFailedException(String.join(" ", command), exit, errorLines(lines));
    }
    try {
      String id = Files.readString(iid, StandardCharsets.UTF_8).trim();
      if (!id.startsWith("sha256:")) {
        throw new EngineException(
            "builder wrote no image id to " + iid + " (" + String.join(" ", command) + ")");
      }
      return new BuildResult(id, request.tag(), log, wall);
    } catch (IOException e) {
      throw new EngineException(
          "cannot read the builder's --iidfile " + iid + ": " + e.getMessage(), e);
    }
  }

  List<String> command(BuildRequest r, Path iid) {
    List<String> c = new ArrayList<>(client.buildCommand());
    if (r.noCache()) {
      c.add("--no-cache");
    }
    c.add("--progress=plain");
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

  private int runBuild(List<String> command, Path log, Duration timeout) throws EngineException {
    ProcessBuilder pb =
        new ProcessBuilder(dieWithParent(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("DOCKER_BUILDKIT", "1");
    if (dockerHost != null) {
      pb.environment().put("DOCKER_HOST", dockerHost);
    }
    Process p = null;
    try {
      p = ChildProcesses.track(pb.start());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
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
      if (p != null) { // nobody waits for this build any more: its client goes, and BuildKit stops
        kill(p);
      }
      throw new EngineException("interrupted while building: " + String.join(" ", command), e);
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /**
   * {@code setpriv --pdeathsig KILL -- COMMAND} where util-linux has it: the build client dies with
   * the thread that waits for it, so a splitcheck killed with SIGKILL does not leave a build
   * running that would tag its image after {@code gc}. Without setpriv the command runs as it is.
   */
  static List<String> dieWithParent(List<String> command) {
    if (!Files.isExecutable(SETPRIV)) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static List<String> readLines(Path log) throws EngineException {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException("cannot read build log " + log + ": " + e.getMessage(), e);
    }
  }

  /** Output lines of the failing step quoted before BuildKit's own error lines. */
  static final int QUOTED_STEP_LINES = 8;

  /**
   * The builder's own error lines: the last output lines of each step BuildKit marks {@code ERROR}
   * (where the reason usually is: apt's {@code E: ...}, a compiler's message), then its error
   * lines; else the last lines of the log.
   */
  static List<String> errorLines(List<String> log) {
    List<String> errors =
        log.stream()
            .filter(
                l ->
                    l.contains("ERROR")
                        || l.startsWith("error:")
                        || l.contains("failed to solve")
                        || l.startsWith("unable to prepare context")
                        || l.contains("executor failed"))
            .map(l -> l.replaceFirst("^#\\d+ ", ""))
            .distinct()
            .toList();
    if (errors.isEmpty()) {
      return log.subList(Math.max(0, log.size() - QUOTED_ERROR_LINES), log.size());
    }
    List<String> out = new ArrayList<>();
    for (String line : log) {
      Matcher m = Pattern.compile("^(#\\d+) ERROR").matcher(line);
      if (m.find()) {
        out.addAll(stepOutput(log, m.group(1)));
      }
    }
    List<String> tail =
        errors.subList(Math.max(0, errors.size() - QUOTED_ERROR_LINES), errors.size());
    out.addAll(tail);
    return out;
  }

  /** The last output lines ({@code #6 1.234 text}) of step {@code #6}, without the step prefix. */
  private static List<String> stepOutput(List<String> log, String step) {
    Pattern output = Pattern.compile("^" + step + " \\d+\\.\\d+ (.*)$");
    List<String> lines = new ArrayList<>();
    for (String line : log) {
      Matcher m = output.matcher(line);
      if (m.matches()) {
        lines.add("| " + m.group(1));
      }
    }
    return lines.subList(Math.max(0, lines.size() - QUOTED_STEP_LINES), lines.size());
  }
}
