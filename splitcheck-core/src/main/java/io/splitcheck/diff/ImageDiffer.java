package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.model.FileEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compares two saved images: config field by field, then every layer whose diffID differs entry by
 * entry, each differing layer attributed to the Dockerfile step that made it, and a verdict.
 */
public final class ImageDiffer {
  private final LayerDiffer layers = new LayerDiffer();

  public ImageComparison compare(SavedImage first, SavedImage second) {
    List<String> config = ConfigDiffer.diff(first.config(), second.config());
    boolean timestampsOnly = config.stream().allMatch(ImageDiffer::isTimestamp);
    List<String> steps = layerSteps(first.config());
    List<Difference> differences = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    int n = Math.max(first.layers().size(), second.layers().size());
    for (int i = 0; i < n; i++) {
      LayerSummary a = i < first.layers().size() ? first.layers().get(i) : null;
      LayerSummary b = i < second.layers().size() ? second.layers().get(i) : null;
      if (a != null && b != null && a.diffId().equals(b.diffId())) {
        continue;
      }
      String step =
          i < steps.size()
              ? steps.get(i)
              : layerSteps(second.config()).stream().skip(i).findFirst().orElse(null);
      List<LayerDiffer.EntryDifference> entries = layers.diff(entriesOf(a), entriesOf(b));
      if (entries.isEmpty()) {
        unexplained.add(
            "layer "
                + i
                + ": "
                + (a == null ? "-" : a.diffId())
                + " vs "
                + (b == null ? "-" : b.diffId())
                + " differ in tar bytes that no compared field covers "
                + "(header fields such as uname/gname, atime/ctime, or padding)");
      }
      for (LayerDiffer.EntryDifference d : entries) {
        differences.add(new Difference(i, step, d.path(), List.copyOf(d.kinds()), d.detail()));
      }
    }
    Verdict verdict = verdict(first, second, differences, unexplained);
    return new ImageComparison(
        side(first), side(second), verdict, config, timestampsOnly, differences, unexplained);
  }

  static Verdict verdict(
      SavedImage a, SavedImage b, List<Difference> differences, List<String> unexplained) {
    if (a.id().equals(b.id())) {
      return Verdict.REPRODUCIBLE;
    }
    if (a.diffIds().equals(b.diffIds())) {
      return Verdict.CONFIG_ONLY;
    }
    Set<DiffKind> kinds = EnumSet.noneOf(DiffKind.class);
    differences.forEach(d -> kinds.addAll(d.kinds()));
    if (kinds.stream().anyMatch(DiffKind::isContent)) {
      return Verdict.CONTENT;
    }
    if (!unexplained.isEmpty() || kinds.stream().anyMatch(k -> k != DiffKind.MTIME)) {
      return Verdict.METADATA;
    }
    return Verdict.MTIME_ONLY;
  }

  /** The {@code created_by} of each history entry that made a layer, bottom-up. */
  public static List<String> layerSteps(JsonNode config) {
    List<String> steps = new ArrayList<>();
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        steps.add(h.path("created_by").asText(null));
      }
    }
    return steps;
  }

  private static boolean isTimestamp(String jsonPath) {
    return jsonPath.equals("$.created") || jsonPath.endsWith(".created");
  }

  private static List<FileEntry> entriesOf(LayerSummary layer) {
    return layer == null ? List.of() : layer.entries();
  }

  private static ImageComparison.ImageSide side(SavedImage image) {
    return new ImageComparison.ImageSide(image.id(), image.diffIds());
  }
}
