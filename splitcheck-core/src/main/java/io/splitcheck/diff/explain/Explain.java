package io.splitcheck.diff.explain;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.LayerFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to each regular file whose content differs an explanation of what differs inside it: both
 * versions read from their layers ({@link LayerFiles}), a few at a time, and explained by format.
 */
public final class Explain {
  /** Files explained per comparison; the rest keep their digests only. */
  public static final int MAX_FILES = 64;

  /** Files read per pass over a layer (bounds memory: this many times two times the input cap). */
  static final int BATCH = 8;

  private Explain() {}

  public static ImageComparison comparison(ImageComparison c, LayerFiles files) throws IOException {
    Map<Integer, Set<String>> wanted = new LinkedHashMap<>();
    int count = 0;
    for (Difference d : c.differences()) {
      if (d.kinds().contains(DiffKind.CONTENT) && count < MAX_FILES) {
        wanted.computeIfAbsent(d.layer(), k -> new LinkedHashSet<>()).add(d.path());
        count++;
      }
    }
    Map<String, Explanation> explained = new LinkedHashMap<>();
    for (Map.Entry<Integer, Set<String>> layer : wanted.entrySet()) {
      List<String> paths = List.copyOf(layer.getValue());
      for (int from = 0; from < paths.size(); from += BATCH) {
        Set<String> batch =
            new LinkedHashSet<>(paths.subList(from, Math.min(paths.size(), from + BATCH)));
        Map<String, byte[]> a = files.read(0, layer.getKey(), batch, Explainers.MAX_INPUT);
        Map<String, byte[]> b = files.read(1, layer.getKey(), batch, Explainers.MAX_INPUT);
        for (String p : batch) {
          if (a.containsKey(p) && b.containsKey(p)) {
            explained.put(layer.getKey() + ":" + p, Explainers.explain(p, a.get(p), b.get(p)));
          }
        }
      }
    }
    List<Difference> out = new ArrayList<>();
    for (Difference d : c.differences()) {
      Explanation e = explained.get(d.layer() + ":" + d.path());
      out.add(e == null ? d : d.withExplanation(e));
    }
    return new ImageComparison(
        c.first(),
        c.second(),
        c.verdict(),
        c.configDifferences(),
        c.configTimestampsOnly(),
        out,
        c.unexplainedLayers());
  }
}
