package io.splitcheck.cli;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The readable summary {@code twice} prints: verdict first, then differences grouped by layer and step. */
final class TwiceSummary {
  /** Paths listed per layer before the rest are counted. */
  static final int MAX_PATHS_PER_LAYER = 50;

  private TwiceSummary() {}

  static String render(TwiceResult r) {
    StringBuilder s = new StringBuilder();
    side(s, "first ", r.first().id(), r.first().layers().size(), time(r, 0));
    side(s, "second", r.second().id(), r.second().layers().size(), time(r, 1));
    s.append("verdict: ").append(r.verdict().id()).append(headline(r)).append('\n');
    Integer layer = null;
    int shown = 0;
    for (Difference d : contentFirst(r.differences())) {
      if (!Objects.equals(layer, d.layer())) {
        layer = d.layer();
        shown = 0;
        s.append("  layer ").append(d.layer()).append("  ").append(d.step() == null ? "(no history)" : d.step())
            .append('\n');
      }
      if (shown++ < MAX_PATHS_PER_LAYER) {
        s.append("    ").append(d.path()).append("  [").append(kinds(d.kinds())).append("]  ")
            .append(d.detail()).append('\n');
      } else if (shown == MAX_PATHS_PER_LAYER + 1) {
        int finalLayer = layer;
        long rest = r.differences().stream().filter(x -> x.layer() == finalLayer).count() - MAX_PATHS_PER_LAYER;
        s.append("    ... and ").append(rest).append(" more (see --json)\n");
      }
    }
    if (!r.configDifferences().isEmpty()) {
      s.append("config differs: ").append(String.join(", ", r.configDifferences())).append('\n');
    }
    r.notes().forEach(n -> s.append("note: ").append(n).append('\n'));
    return s.toString();
  }

  /** Per layer, paths whose bytes or shape differ before those that differ only in metadata. */
  static List<Difference> contentFirst(List<Difference> differences) {
    return differences.stream().sorted(java.util.Comparator.comparingInt(Difference::layer)
        .thenComparing(d -> d.kinds().stream().noneMatch(DiffKind::isContent))
        .thenComparing(Difference::path)).toList();
  }

  private static String headline(TwiceResult r) {
    long paths = r.differences().stream().map(Difference::path).distinct().count();
    return switch (r.verdict()) {
      case REPRODUCIBLE -> " (same image id)";
      case CONFIG_ONLY -> " (all layers equal)";
      default -> " (" + paths + (paths == 1 ? " path differs)" : " paths differ)");
    };
  }

  private static String kinds(List<DiffKind> kinds) {
    return kinds.stream().map(DiffKind::id).collect(Collectors.joining(","));
  }

  private static void side(StringBuilder s, String label, String id, int layers, Duration time) {
    s.append(label).append(' ').append(id).append("  ").append(layers).append(layers == 1 ? " layer" : " layers");
    if (time != null) {
      s.append(String.format("  built in %.1f s", time.toMillis() / 1000.0));
    }
    s.append('\n');
  }

  private static Duration time(TwiceResult r, int i) {
    return i < r.buildTimes().size() ? r.buildTimes().get(i) : null;
  }
}
