package io.splitcheck.suite;

import io.splitcheck.engine.BuildRequest;
import io.splitcheck.scenario.BuildSpec;
import io.splitcheck.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a scenario's {@code build:} into a build request (pure). */
public final class ScenarioBuild {
  /** How long one scenario build may take. */
  static final Duration TIMEOUT = Duration.ofMinutes(20);

  private ScenarioBuild() {}

  public static BuildRequest request(Scenario s, String tag, boolean noCache) {
    BuildSpec b = s.build();
    Path context = s.context();
    Path dockerfile = s.dockerfile();
    if (!Files.isDirectory(context)) {
      throw new IllegalArgumentException(
          s.dir().resolve("scenario.yaml")
              + ": build.context '"
              + b.context()
              + "' is not a directory");
    }
    if (!Files.isRegularFile(dockerfile)) {
      throw new IllegalArgumentException(
          s.dir().resolve("scenario.yaml")
              + ": build.dockerfile '"
              + b.dockerfile()
              + "' does not exist");
    }
    List<BuildRequest.Secret> secrets = new ArrayList<>();
    for (BuildSpec.SecretSpec secret : b.secrets()) {
      Path src = s.dir().resolve(secret.src());
      if (!Files.isRegularFile(src)) {
        throw new IllegalArgumentException(
            s.dir().resolve("scenario.yaml")
                + ": build.secrets '"
                + secret.id()
                + "': file '"
                + secret.src()
                + "' does not exist");
      }
      secrets.add(new BuildRequest.Secret(secret.id(), src));
      BuildRequest.rememberSecret(src);
    }
    return new BuildRequest(
        context, dockerfile, b.args(), secrets, b.target(), tag, noCache, TIMEOUT);
  }

  /**
   * A scenario name as a tag component: {@code multistage-bloat:pruned} -> {@code
   * multistage-bloat.pruned}.
   */
  public static String tagSafe(String name) {
    String t = name.replaceAll("[^A-Za-z0-9_.-]", ".");
    return t.length() > 100 ? t.substring(0, 100) : t;
  }
}
