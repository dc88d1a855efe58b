package io.splitcheck.testing;

import static org.junit.jupiter.api.Assumptions.abort;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One of the engines {@code scripts/engine --kind K} starts beside the shared one, for the tests
 * that claim to run on it. Its address comes from the environment variable {@code scripts/verify}
 * exports, else the kind's well-known socket. A test on an engine that does not answer is skipped,
 * and fails under {@code SPLITCHECK_REQUIRE_ENGINE=1} (CI), since CI starts every kind.
 */
public enum NamedEngine {
  DOCKER26("docker-26", "SPLITCHECK_ENGINE_DOCKER26", "unix:///run/splitcheck/docker-26.sock"),
  PODMAN("podman", "SPLITCHECK_ENGINE_PODMAN", "unix:///run/splitcheck/podman.sock");

  private final String kind;
  private final String env;
  private final String wellKnown;

  NamedEngine(String kind, String env, String wellKnown) {
    this.kind = kind;
    this.env = env;
    this.wellKnown = wellKnown;
  }

  /**
   * The engine's URL; skips (or, under SPLITCHECK_REQUIRE_ENGINE=1, fails) when it does not answer.
   */
  public String host() {
    String value = System.getenv(env);
    String host = value == null || value.isBlank() ? wellKnown : value;
    if (answers(host)) {
      return host;
    }
    String why =
        "the "
            + kind
            + " engine does not answer at "
            + host
            + " ("
            + env
            + "; start it with scripts/engine --kind "
            + kind
            + ")";
    if ("1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new IllegalStateException(why + " and SPLITCHECK_REQUIRE_ENGINE=1");
    }
    return abort(why);
  }

  /** Streams {@code tag} from the shared engine into this one, unless it has it already. */
  public void load(String host, String tag) throws IOException, InterruptedException {
    if (sh(BusyboxImage.DOCKER + " -H " + host + " image inspect " + tag + " >/dev/null 2>&1")
        == 0) {
      return;
    }
    if (sh(
            BusyboxImage.DOCKER
                + " save "
                + tag
                + " | "
                + BusyboxImage.DOCKER
                + " -H "
                + host
                + " load")
        != 0) {
      throw new IOException("docker save " + tag + " | docker -H " + host + " load failed");
    }
  }

  private static boolean answers(String host) {
    if (host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())))) {
      return false;
    }
    try (DockerClient c = DockerClients.forHost(host)) {
      return DockerClients.answers(c);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static int sh(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  @Override
  public String toString() {
    return kind;
  }
}
