package io.splitcheck.report;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.explain.CauseGroup;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The twice section's tables: how to fix it (causes with the paths each fix removes), then the
 * differences, content first, by step, each file's explanation one click away, and the paths that
 * differ only in their mtime folded under one line.
 */
final class TwiceHtml {
  private TwiceHtml() {}

  static void causes(TwiceResult t, StringBuilder page) {
    if (t.causes().isEmpty()) {
      return;
    }
    page.append(
            "<h4>How to fix it</h4>\n<table class=\"causes\">\n<tr><th>paths</th><th>cause</th>")
        .append("<th>fix</th><th>e.g.</th></tr>\n");
    for (CauseGroup c : t.causes()) {
      page.append("<tr><td>")
          .append(c.paths())
          .append("</td><td>")
          .append(Html.esc(c.title()))
          .append("</td><td>")
          .append(Html.esc(c.fix()))
          .append("</td><td><code>")
          .append(Html.esc(String.join(", ", c.examples())))
          .append("</code></td></tr>\n");
    }
    page.append("</table>\n");
  }

  static void differences(TwiceResult t, StringBuilder page, int max) {
    if (t.differences().isEmpty()) {
      return;
    }
    List<Difference> mtimeOnly =
        t.differences().stream().filter(d -> d.kinds().equals(List.of(DiffKind.MTIME))).toList();
    List<Difference> rest =
        t.differences().stream()
            .filter(d -> !mtimeOnly.contains(d))
            .sorted(
                Comparator.comparing(
                        (Difference d) -> d.kinds().stream().noneMatch(DiffKind::isContent))
                    .thenComparingInt(Difference::layer)
                    .thenComparing(Difference::path))
            .toList();
    table(rest, page, max);
    if (!mtimeOnly.isEmpty()) {
      page.append("<details class=\"mtime-only\"><summary>")
          .append(mtimeOnly.size())
          .append(" paths differ only in their mtime</summary>\n");
      table(mtimeOnly, page, max);
      page.append("</details>\n");
    }
  }

  private static void table(List<Difference> differences, StringBuilder page, int max) {
    page.append("<table class=\"differences\">\n<tr><th>layer</th><th>step</th><th>path</th>")
        .append("<th>kinds</th><th>detail</th></tr>\n");
    differences.stream()
        .limit(max)
        .forEach(
            d -> {
              page.append("<tr><td>")
                  .append(d.layer())
                  .append("</td><td><code>")
                  .append(Html.esc(d.step()))
                  .append("</code></td><td><code>")
                  .append(Html.esc(d.path()))
                  .append("</code></td><td>")
                  .append(
                      Html.esc(
                          d.kinds().stream().map(DiffKind::id).collect(Collectors.joining(", "))))
                  .append("</td><td>")
                  .append(Html.esc(d.detail()));
              if (d.explanation() != null) {
                page.append("<details><summary>inside (")
                    .append(Html.esc(d.explanation().format()))
                    .append(")</summary><pre>")
                    .append(Html.esc(String.join("\n", d.explanation().lines())))
                    .append("</pre></details>");
              }
              page.append("</td></tr>\n");
            });
    page.append("</table>\n");
    if (differences.size() > max) {
      page.append("<p>(").append(differences.size() - max).append(" more in report.json)</p>\n");
    }
  }
}
