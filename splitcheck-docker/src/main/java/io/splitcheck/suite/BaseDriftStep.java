package io.splitcheck.suite;

import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.scenario.BaseDrift;
import io.splitcheck.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overnight re-point a registry does to a base tag, done locally: builds each variant
 * directory, and points the scenario's drift tag at the variant after the one it points at now. The
 * drift tag is the fixture's "registry" and is kept between runs on purpose; the variant builds are
 * removed.
 */
final class BaseDriftStep {
  private final ImageBuilder builder;
  private final ImageStore images;

  BaseDriftStep(ImageBuilder builder, ImageStore images) {
    this.builder = builder;
    this.images = images;
  }

  /** Returns the variant the tag points at now. */
  String repoint(Scenario s, String runId) throws EngineException {
    BaseDrift drift = s.baseDrift();
    List<String> ids = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try {
      for (String variant : drift.variants()) {
        Path dir = s.dir().resolve(variant);
        String tag =
            ScenarioExecutor.TAG_REPOSITORY
                + "/"
                + runId
                + ":"
                + ScenarioBuild.tagSafe(s.name())
                + "-base-"
                + ScenarioBuild.tagSafe(variant);
        tags.add(tag);
        ids.add(
            builder
                .build(
                    new BuildRequest(
                        dir,
                        dir.resolve("Dockerfile"),
                        Map.of(),
                        List.of(),
                        null,
                        tag,
                        false,
                        Duration.ofMinutes(10)))
                .imageId());
      }
      String current = images.inspect(drift.tag()).map(ImageStore.ImageInfo::id).orElse(null);
      String next = drift.next(current, ids);
      images.tag(ids.get(drift.variants().indexOf(next)), drift.tag());
      return next;
    } finally {
      for (String tag : tags) {
        images.remove(tag);
      }
    }
  }
}
