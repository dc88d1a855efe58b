package io.splitcheck.build;

import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.ImageDiffer;
import io.splitcheck.diff.SavedImage;
import io.splitcheck.diff.Verdict;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Build twice, explain every difference. Both builds are exactly the user's request with no cache; the
 * images are tracked by two splitcheck-owned tags (a tag does not change an image id, a label would)
 * and removed afterwards unless kept.
 */
public final class Twice {
  /** The repository name the compared images are tagged under. */
  public static final String TAG_REPOSITORY = "splitcheck-twice";

  private final ImageBuilder builder;
  private final ImageStore images;
  private final String engineVersion;

  /** @param engineVersion the engine's version, for the notes on SOURCE_DATE_EPOCH */
  public Twice(ImageBuilder builder, ImageStore images, String engineVersion) {
    this.builder = builder;
    this.images = images;
    this.engineVersion = engineVersion;
  }

  public static String tag(String runId, String which) {
    return TAG_REPOSITORY + "/" + runId + ":" + which;
  }

  public TwiceResult run(BuildRequest request, String runId, boolean keep) throws EngineException, IOException {
    List<String> tags = List.of(tag(runId, "first"), tag(runId, "second"));
    List<String> built = new ArrayList<>();
    try {
      List<BuildResult> results = new ArrayList<>();
      for (String tag : tags) {
        built.add(tag);
        results.add(builder.build(request.withTag(tag)));
      }
      ImageComparison comparison = compare(results.get(0).imageId(), results.get(1).imageId());
      return TwiceResult.of(request.context().toString(), comparison, notes(comparison),
          results.stream().map(BuildResult::wall).toList());
    } finally {
      if (!keep) {
        for (String tag : built) {
          images.remove(tag);
        }
      }
    }
  }

  ImageComparison compare(String firstId, String secondId) throws EngineException, IOException {
    SavedImage first = save(firstId);
    SavedImage second = firstId.equals(secondId) ? first : save(secondId);
    return new ImageDiffer().compare(first, second);
  }

  private SavedImage save(String id) throws EngineException, IOException {
    try (InputStream in = images.save(id)) {
      return new ImageArchiveReader().read(in, "docker save " + id);
    }
  }

  List<String> notes(ImageComparison c) {
    List<String> notes = new ArrayList<>();
    if (c.verdict() == Verdict.CONFIG_ONLY && c.configTimestampsOnly()) {
      notes.add("All layers are equal; the image config differs only in timestamps ("
          + String.join(", ", c.configDifferences()) + ").");
    } else if (c.verdict() == Verdict.CONFIG_ONLY) {
      notes.add("All layers are equal; the image config differs beyond timestamps: "
          + String.join(", ", c.configDifferences()) + ".");
    }
    if (!c.reproducible() && !c.configDifferences().isEmpty()) {
      notes.add(SourceDateEpoch.note(engineVersion));
    }
    notes.addAll(c.unexplainedLayers());
    return notes;
  }
}
