package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.VariedTwiceResult;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code twice --vary}: the two unvaried builds of {@link Twice}, then one build per {@link
 * Variation}, each compared with the first build. All images are tagged under {@link
 * Twice#TAG_REPOSITORY} and removed at the end unless kept.
 */
public final class VariedTwice {
  private final Twice twice;
  private final Clock clock;

  public VariedTwice(Twice twice, Clock clock) {
    this.twice = twice;
    this.clock = clock;
  }

  /**
   * @param work where varied contexts are copied (deleted with it by the caller)
   */
  public VariedTwiceResult run(
      BuildRequest request, String runId, List<Variation> variations, Path work, boolean keep)
      throws EngineException, IOException {
    List<String> tags =
        new ArrayList<>(List.of(Twice.tag(runId, "first"), Twice.tag(runId, "second")));
    variations.forEach(v -> tags.add(Twice.tag(runId, "vary-" + v.id())));
    List<String> built = new ArrayList<>();
    List<String> tagged = new ArrayList<>();
    Clock now = Clock.fixed(clock.instant(), ZoneOffset.UTC); // one epoch for apply and change
    twice.prepareReader();
    try {
      List<BuildResult> results = new ArrayList<>();
      for (int i = 0; i < tags.size(); i++) {
        BuildRequest r = i < 2 ? request : variations.get(i - 2).apply(request, work, now);
        built.add(tags.get(i));
        results.add(twice.builder().build(r.withTag(tags.get(i))));
        tagged.add(tags.get(i));
      }
      String first = results.get(0).imageId();
      ImageComparison control = twice.compare(first, results.get(1).imageId());
      TwiceResult result =
          TwiceResult.of(
              request.context().toString(),
              control,
              twice.notes(control),
              results.subList(0, 2).stream().map(BuildResult::wall).toList());
      List<VariedTwiceResult.Varied> varied = new ArrayList<>();
      for (int i = 0; i < variations.size(); i++) {
        Variation v = variations.get(i);
        varied.add(
            new VariedTwiceResult.Varied(
                v.id(),
                v.change(request, now),
                twice.compare(first, results.get(i + 2).imageId())));
      }
      return VariedTwiceResult.of(result, varied);
    } finally {
      if (!keep) {
        twice.removeTags(built, tagged);
      }
    }
  }
}
