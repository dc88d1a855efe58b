package io.splitcheck.cli;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.explain.CauseGroup;
import io.splitcheck.diff.explain.Causes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The readable summary {@code twice} prints: verdict first, then differences grouped by layer and
 * step.
 */
final class TwiceSummary {
  /** Paths listed per layer before the rest are counted. */
  static final int MAX_PATHS_PER_LAYER = 50;

  /** Lines of a file's explanation shown under it. */
  static final int MAX_EXPLANATION_LINES = 8;

  private TwiceSummary() {}

  static String render(TwiceResult r) {
    StringBuilder s = new StringBuilder();
    side(s, "first ", r.first().id(), r.first().layers().size(), time(r, 0));
    side(s, "second", r.second().id(), r.second().layers().size(), time(r, 1));
    s.append("verdict: ").append(r.verdict().id()).append(headline(r)).append('\n');
    TreeMap<Integer, List<Difference>> byLayer = new TreeMap<>();
    contentFirst(r.differences())
        .forEach(d -> byLayer.computeIfAbsent(d.layer(), k -> new ArrayList<>()).add(d));
    byLayer.forEach((layer, diffs) -> layer(s, diffs));
    if (!r.configDifferences().isEmpty()) {
      s.append("config differs: ").append(String.join(", ", r.configDifferences())).append('\n');
    }
    causes(s, r);
    r.notes().forEach(n -> s.append("note: ").append(n).append('\n'));
    return s.toString();
  }

  /**
   * One layer: its step, the paths that differ beyond their mtime, then the mtime-only ones folded.
   */
  private static void layer(StringBuilder s, List<Difference> diffs) {
    Difference first = diffs.get(0);
    s.append("  layer ")
        .append(first.layer())
        .append("  ")
        .append(first.step() == null ? "(no history)" : first.step())
        .append('\n');
    List<Difference> mtimeOnly =
        diffs.stream().filter(d -> d.kinds().equals(List.of(DiffKind.MTIME))).toList();
    List<Difference> rest =
        diffs.stream().filter(d -> !d.kinds().equals(List.of(DiffKind.MTIME))).toList();
    rest.stream()
        .limit(MAX_PATHS_PER_LAYER)
        .forEach(
            d -> {
              s.append("    ")
                  .append(d.path())
                  .append("  [")
                  .append(kinds(d.kinds()))
                  .append("]  ")
                  .append(d.detail())
                  .append('\n');
              explanation(s, d);
            });
    if (rest.size() > MAX_PATHS_PER_LAYER) {
      s.append("    ... and ")
          .append(rest.size() - MAX_PATHS_PER_LAYER)
          .append(" more (see --json)\n");
    }
    if (!mtimeOnly.isEmpty()) {
      s.append("    + ")
          .append(mtimeOnly.size())
          .append(mtimeOnly.size() == 1 ? " path differs" : " paths differ")
          .append(" only in their mtime: ")
          .append(String.join(", ", mtimeOnly.stream().limit(5).map(Difference::path).toList()))
          .append(mtimeOnly.size() > 5 ? ", ... (see --json)" : "")
          .append('\n');
    }
  }

  /** What differs inside the file, its first lines (the JSON has them all). */
  private static void explanation(StringBuilder s, Difference d) {
    if (d.explanation() == null) {
      return;
    }
    List<String> lines = d.explanation().lines();
    s.append("      inside (").append(d.explanation().format()).append("):\n");
    lines.stream()
        .limit(MAX_EXPLANATION_LINES)
        .forEach(l -> s.append("        ").append(l).append('\n'));
    if (lines.size() > MAX_EXPLANATION_LINES) {
      s.append("        ... (")
          .append(lines.size() - MAX_EXPLANATION_LINES)
          .append(" more lines in --json)\n");
    }
  }

  /** How to fix it: each known cause with the number of differing paths its fix removes. */
  private static void causes(StringBuilder s, TwiceResult r) {
    if (r.causes().isEmpty()) {
      return;
    }
    s.append("how to fix it (known causes; paths each fix removes):\n");
    for (CauseGroup c : r.causes()) {
      s.append(String.format("  %4d  %s: %s%n", c.paths(), c.id(), c.title()));
      s.append("        fix: ").append(c.fix()).append('\n');
      s.append("        e.g. ").append(String.join(", ", c.examples())).append('\n');
    }
    List<String> rest = Causes.unmatched(r.differences());
    if (!rest.isEmpty()) {
      s.append(
          String.format(
              "  %4d  paths no known cause explains, e.g. %s%n",
              rest.size(), String.join(", ", rest.stream().limit(3).toList())));
    }
  }

  /** Per layer, paths whose bytes or shape differ before those that differ only in metadata. */
  static List<Difference> contentFirst(List<Difference> differences) {
    return differences.stream()
        .sorted(
            Comparator.comparingInt(Difference::layer)
                .thenComparing(d -> d.kinds().stream().noneMatch(DiffKind::isContent))
                .thenComparing(Difference::path))
        .toList();
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
    s.append(label)
        .append(' ')
        .append(id)
        .append("  ")
        .append(layers)
        .append(layers == 1 ? " layer" : " layers");
    if (time != null) {
      s.append(String.format("  built in %.1f s", time.toMillis() / 1000.0));
    }
    s.append('\n');
  }

  private static Duration time(TwiceResult r, int i) {
    return i < r.buildTimes().size() ? r.buildTimes().get(i) : null;
  }
}
