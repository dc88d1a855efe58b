package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code DOCKER_BUILDKIT=1 docker build --progress=plain} and returns its log, for the audit's cache
 * check. The 20.10 client at {@code /usr/bin/docker} is used (the newer client on PATH has no buildx).
 */
public final class BuildLogRunner {
  public static final Path DEFAULT_CLIENT = Path.of("/usr/bin/docker");
  private static final long TIMEOUT_MINUTES = 30;

  private final Path client;
  private final String dockerHost;

  public BuildLogRunner() {
    this(DEFAULT_CLIENT, null);
  }

  /** @param dockerHost passed as DOCKER_HOST to the client, or null for the environment's */
  public BuildLogRunner(Path client, String dockerHost) {
    this.client = client;
    this.dockerHost = dockerHost;
  }

  /**
   * Builds {@code context} with {@code dockerfile}, tagging the result {@code tag}.
   *
   * @return the plain progress log, one line per element
   * @throws EngineException when the client cannot start or the build fails; the message quotes the
   *     command and the end of the log
   */
  public List<String> build(Path context, Path dockerfile, Map<String, String> buildArgs, String tag)
      throws EngineException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(client.toString(), "build", "--progress=plain"));
    if (dockerfile != null) {
      cmd.addAll(List.of("-f", dockerfile.toString()));
    }
    buildArgs.forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
    cmd.addAll(List.of("-t", tag, context.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "1");
    if (dockerHost != null) {
      pb.environment().put("DOCKER_HOST", dockerHost);
    }
    Path log = null;
    try {
      // to a file, not a pipe: reading a pipe to its end would wait for a hanging build past the timeout
      log = java.nio.file.Files.createTempFile("splitcheck-build-", ".log");
      Process p = ChildProcesses.track(pb.redirectOutput(log.toFile()).start());
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new EngineException("DOCKER_BUILDKIT=1 " + String.join(" ", cmd) + " timed out after "
            + TIMEOUT_MINUTES + " minutes and was killed");
      }
      String out = new String(java.nio.file.Files.readAllBytes(log), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new EngineException("DOCKER_BUILDKIT=1 " + String.join(" ", cmd) + " exited " + p.exitValue()
            + ": " + tail(out, 15));
      }
      return out.lines().toList();
    } catch (IOException e) {
      throw new EngineException("DOCKER_BUILDKIT=1 " + String.join(" ", cmd) + " could not run: " + e.getMessage(), e);
    } finally {
      if (log != null) {
        try {
          java.nio.file.Files.deleteIfExists(log);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  static String tail(String out, int lines) {
    List<String> all = out.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
