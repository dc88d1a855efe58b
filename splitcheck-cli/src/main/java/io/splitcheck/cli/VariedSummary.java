package io.splitcheck.cli;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.VariedTwiceResult;
import io.splitcheck.diff.VariedTwiceResult.PathSensitivity;
import io.splitcheck.diff.VariedTwiceResult.Variant;
import io.splitcheck.diff.VariedTwiceResult.VariedKinds;
import java.util.List;
import java.util.stream.Collectors;

/** What {@code twice --vary} adds to the summary: each variation, and the paths sensitive to it. */
final class VariedSummary {
  /** Sensitive paths listed per variation before the rest are counted. */
  static final int MAX_PATHS = 20;

  private VariedSummary() {}

  static String render(VariedTwiceResult r) {
    StringBuilder s =
        new StringBuilder(
            "varied (one more build per variation, compared with the first; "
                + "a path is sensitive when it differs there beyond what the two unvaried builds showed):\n");
    for (Variant v : r.variants()) {
      s.append("  ").append(v.variation()).append(": ").append(v.change()).append('\n');
      s.append("    verdict ")
          .append(v.verdict().id())
          .append(", ")
          .append(v.differingPaths())
          .append(v.differingPaths() == 1 ? " path differs, " : " paths differ, ")
          .append(v.sensitivePaths())
          .append(" path(s) or config field(s) sensitive to ")
          .append(v.variation())
          .append('\n');
      List<String> lines =
          r.sensitivity().stream()
              .flatMap(
                  p ->
                      p.variations().stream()
                          .filter(k -> k.variation().equals(v.variation()))
                          .map(k -> line(p, k)))
              .toList();
      lines.stream().limit(MAX_PATHS).forEach(l -> s.append("      ").append(l).append('\n'));
      if (lines.size() > MAX_PATHS) {
        s.append("      ... and ").append(lines.size() - MAX_PATHS).append(" more (see --json)\n");
      }
    }
    return s.toString();
  }

  private static String line(PathSensitivity p, VariedKinds k) {
    String added = k.kinds().isEmpty() ? "differs" : kinds(k.kinds());
    return p.path()
        + "  ["
        + added
        + "]"
        + (p.unvaried().isEmpty() ? "" : "  (unvaried: " + kinds(p.unvaried()) + ")");
  }

  private static String kinds(List<DiffKind> kinds) {
    return kinds.stream().map(DiffKind::id).collect(Collectors.joining(","));
  }
}
