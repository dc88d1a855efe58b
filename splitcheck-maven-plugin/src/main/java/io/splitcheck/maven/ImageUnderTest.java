package io.splitcheck.maven;

import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.TempFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The image a goal checks: the configured {@code <image>} as it is (never pulled), or the {@code
 * <context>} built once with BuildKit and tagged {@code splitcheck-maven/<artifactId>:<run id>},
 * removed again when closed.
 */
final class ImageUnderTest implements AutoCloseable {
  static final String REPOSITORY = "splitcheck-maven/";

  private final String reference;
  private final ConnectedEngine docker;
  private final boolean built;

  private ImageUnderTest(String reference, ConnectedEngine docker, boolean built) {
    this.reference = reference;
    this.docker = docker;
    this.built = built;
  }

  /**
   * @param image a local image, or null to build {@code context}
   * @param context a build context folder, or null
   * @param dockerfile the Dockerfile, or null for {@code context/Dockerfile}
   */
  static ImageUnderTest of(
      ConnectedEngine docker,
      String image,
      File context,
      File dockerfile,
      Map<String, String> buildArgs,
      String tag,
      Consumer<String> log)
      throws EngineException, IOException {
    if ((image == null) == (context == null)) {
      throw new IllegalArgumentException(
          "set exactly one of <image> (a local image) and <context> (a build context"
              + " folder); got "
              + (image == null ? "neither" : "both"));
    }
    if (image != null) {
      return new ImageUnderTest(image, docker, false);
    }
    BuildRequest request = request(context, dockerfile, buildArgs, tag, false);
    Path work = TempFolder.directory("maven-build-");
    try {
      log.accept("building " + context + " as " + tag);
      BuildResult result = new BuildKitBuilder(BuildKitProbe.find(null), work).build(request);
      return new ImageUnderTest(result.tag(), docker, true);
    } finally {
      TempFolder.deleteQuietly(work);
    }
  }

  /**
   * @param noCache build every step again ({@code twice}: a cached step would make both builds one)
   */
  static BuildRequest request(
      File context, File dockerfile, Map<String, String> buildArgs, String tag, boolean noCache) {
    if (!context.isDirectory()) {
      throw new IllegalArgumentException("<context> '" + context + "' is not a directory");
    }
    File file = dockerfile != null ? dockerfile : new File(context, "Dockerfile");
    if (!file.isFile()) {
      throw new IllegalArgumentException("<dockerfile> '" + file + "' does not exist");
    }
    return new BuildRequest(
        context.toPath(),
        file.toPath(),
        buildArgs == null ? Map.of() : buildArgs,
        List.of(),
        null,
        tag,
        noCache,
        Duration.ofMinutes(30));
  }

  String reference() {
    return reference;
  }

  @Override
  public void close() {
    if (built) {
      try {
        docker.images().remove(reference);
      } catch (EngineException | RuntimeException e) {
        // already gone, or the engine went away: nothing of ours is left to remove then
      }
    }
  }
}
