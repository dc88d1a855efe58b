package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code DOCKER_BUILDKIT=1 docker build --progress=plain} (with cache) and returns its log,
 * for the audit's cache check: the same {@link BuildKitBuilder} every other build goes through (log
 * to a file, timeout, child tracked for exit cleanup, the failing step quoted). The 20.10 client at
 * {@code /usr/bin/docker} is used (the newer client on PATH has no buildx).
 */
public final class BuildLogRunner {
  public static final Path DEFAULT_CLIENT = Path.of("/usr/bin/docker");
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final Path client;
  private final String dockerHost;

  public BuildLogRunner() {
    this(DEFAULT_CLIENT, null);
  }

  /**
   * @param dockerHost passed as DOCKER_HOST to the client, or null for the environment's
   */
  public BuildLogRunner(Path client, String dockerHost) {
    this.client = client;
    this.dockerHost = dockerHost;
  }

  /**
   * Builds {@code context} with {@code dockerfile}, tagging the result {@code tag}.
   *
   * @return the plain progress log, one line per element
   * @throws EngineException when the client cannot start or the build fails; the message quotes the
   *     command and the builder's error lines
   */
  public List<String> build(
      Path context, Path dockerfile, Map<String, String> buildArgs, String tag)
      throws EngineException {
    Path work = null;
    try {
      work = TempFolder.directory("build-");
      BuildKitClient legacy =
          new BuildKitClient(client.toString(), BuildKitClient.Mode.LEGACY_BUILDKIT, "20.10");
      BuildResult built =
          new BuildKitBuilder(legacy, work, dockerHost)
              .build(
                  new BuildRequest(
                      context, dockerfile, buildArgs, List.of(), null, tag, false, TIMEOUT));
      return Files.readAllLines(built.log(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(
          "DOCKER_BUILDKIT=1 " + client + " build " + context + " could not run: " + e.getMessage(),
          e);
    } finally {
      TempFolder.deleteQuietly(work);
    }
  }
}
