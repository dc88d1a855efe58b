package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code size.*}: bytes per layer, the largest files, and wasted bytes. Efficiency is dive's
 * figure: over every path ever added, the smallest size it had (0 when deleted) divided by the sum
 * of all its copies.
 */
public final class SizeRules implements AuditRule {
  @Override
  public List<Finding> check(AuditInput in) {
    ImageView img = in.image();
    if (img == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (ImageView.Layer l : img.layers()) {
      String step =
          l.createdBy() == null || l.createdBy().isBlank()
              ? ""
              : " by " + abbreviate(l.createdBy(), 72);
      out.add(
          Finding.of(
              "size.layers",
              "layer "
                  + l.index()
                  + ": "
                  + human(l.bytes())
                  + " in "
                  + l.entries().size()
                  + " entries"
                  + step,
              img.at(l.index()).withSize(l.bytes())));
    }
    List<ImageFs.Node> largest =
        img.fs().nodes().stream()
            .filter(n -> n.entry().isRegularFile())
            .sorted(
                Comparator.comparingLong((ImageFs.Node n) -> n.entry().size())
                    .reversed()
                    .thenComparing(n -> n.entry().path()))
            .limit(in.config().largestFiles())
            .toList();
    for (int rank = 1; rank <= largest.size(); rank++) {
      ImageFs.Node n = largest.get(rank - 1);
      out.add(
          Finding.of(
              "size.largest-files",
              "#" + rank + " " + human(n.entry().size()) + " " + n.entry().path(),
              img.at(n.layer()).withPath(n.entry().path()).withSize(n.entry().size())));
    }
    long wasted = 0;
    for (ImageView.Occurrence o : img.occurrences()) {
      if (o.hidden()) {
        wasted += o.entry().size();
        if (o.entry().size() >= in.config().wastedFileBytes()) {
          out.add(
              Finding.of(
                  "size.wasted",
                  human(o.entry().size())
                      + " "
                      + o.entry().path()
                      + " is overwritten or deleted in a later layer but still shipped in layer "
                      + o.layer(),
                  img.at(o)));
        }
      }
    }
    out.add(efficiency(img, wasted));
    return out;
  }

  private static Finding efficiency(ImageView img, long wasted) {
    Map<String, long[]> paths = new HashMap<>(); // path -> {min, cumulative}
    long total = 0;
    for (ImageView.Layer l : img.layers()) {
      total += l.bytes();
      l.entries()
          .forEach(
              e -> {
                long size = e.isRegularFile() ? e.size() : 0;
                paths.merge(
                    e.path(),
                    new long[] {size, size},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), a[1] + b[1]});
              });
    }
    long min = 0;
    long cumulative = 0;
    for (long[] v : paths.values()) {
      min += v[0];
      cumulative += v[1];
    }
    double score = cumulative == 0 ? 1.0 : (double) min / cumulative;
    return Finding.of(
        "size.efficiency",
        String.format(
            Locale.ROOT,
            "efficiency %.2f%%: %s in %d layers, %s wasted (overwritten or deleted later)",
            score * 100,
            human(total),
            img.layers().size(),
            human(wasted)),
        Evidence.NONE.withSize(wasted));
  }

  static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
