package io.splitcheck.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code index.html}: one self-contained page (inline CSS, no script, no external asset). The
 * matrix as a grid first (scenarios down, cells across, coloured by outcome), a table of every
 * check, then per scenario its split culprit lines, reproducibility differences and audit findings.
 * Every string from the report is HTML-escaped.
 */
public final class HtmlRenderer {
  static final List<String> BUILTIN_ORDER =
      List.of(
          "unconfined", "runtime-default", "cap-drop-all", "read-only", "no-network", "restricted");
  private static final String CSS =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}
      h1{font-size:1.4em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1.05em}
      table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.25em .5em;
      text-align:left;vertical-align:top}th{background:#eee}
      td.cell{text-align:center;min-width:6em;font-family:monospace}
      .baseline{background:#cfe2ff}.same{background:#c8f0c8}.split{background:#f5b5b5}
      .timeout{background:#ffd59a}.absent{background:#f2f2f2;color:#999}
      .PASSED{background:#c8f0c8}.FAILED{background:#f5b5b5}.ERROR{background:#ffd59a}
      .SKIPPED{background:#eee}pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;
      word-break:break-all}.culprit{font-family:monospace;background:#fff3f3;padding:.2em .4em}
      .legend span{padding:.1em .6em;margin-right:.4em;border:1px solid #bbb}
      """;

  public void render(RunReport report, Writer out) throws IOException {
    StringBuilder page = new StringBuilder(16_384);
    int[] c = report.counts();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>splitcheck run ")
        .append(Html.esc(report.runId()))
        .append("</title>\n")
        .append("<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>splitcheck run ")
        .append(Html.esc(report.runId()))
        .append("</h1>\n")
        .append("<p id=\"summary\" class=\"")
        .append(report.passed() ? "PASSED" : "FAILED")
        .append("\">")
        .append(report.passed() ? "Every expectation held" : "Expectations failed")
        .append(": ")
        .append(c[0])
        .append(" checks, ")
        .append(c[1])
        .append(" failed, ")
        .append(c[2])
        .append(" errors, ")
        .append(c[3])
        .append(" skipped. Started ")
        .append(Html.esc(String.valueOf(report.startedAt())))
        .append(" by ")
        .append(Html.esc(report.tool()))
        .append(".</p>\n");
    grid(report, page);
    engines(report, page);
    outcomes(report, page);
    HtmlSections sections = new HtmlSections();
    for (ScenarioReport s : report.scenarios()) {
      sections.scenario(s, page);
    }
    page.append("</body>\n</html>\n");
    out.write(page.toString());
    out.flush();
  }

  private static void outcomes(RunReport report, StringBuilder page) {
    page.append("<h2>Checks</h2>\n<table id=\"checks\">\n<tr><th>scenario</th><th>check</th>")
        .append("<th>result</th><th>expected</th><th>got</th></tr>\n");
    for (ScenarioReport s : report.scenarios()) {
      for (CheckOutcome o : s.outcomes()) {
        page.append("<tr><td><a href=\"#")
            .append(Html.id("s-", s.name()))
            .append("\">")
            .append(Html.esc(s.name()))
            .append("</a></td><td>")
            .append(Html.esc(o.check()))
            .append("</td><td class=\"")
            .append(o.status())
            .append("\">")
            .append(o.status())
            .append(o.message().isEmpty() ? "" : ": " + Html.esc(o.message()))
            .append("</td><td>")
            .append(Html.esc(o.expected()))
            .append("</td><td>")
            .append(Html.esc(o.actual()))
            .append("</td></tr>\n");
      }
    }
    page.append("</table>\n");
  }

  private static void grid(RunReport report, StringBuilder page) {
    List<String> columns = columns(report);
    page.append("<h2>Security matrix</h2>\n<p class=\"legend\"><span class=\"baseline\">baseline")
        .append("</span><span class=\"same\">same as baseline</span><span class=\"split\">split")
        .append("</span><span class=\"timeout\">timed out</span><span class=\"absent\">not run")
        .append("</span></p>\n<table id=\"matrix-grid\">\n<tr><th>scenario</th>");
    for (String col : columns) {
      page.append("<th>").append(Html.esc(col)).append("</th>");
    }
    page.append("</tr>\n");
    for (ScenarioReport s : report.scenarios()) {
      if (s.matrix() == null) {
        continue;
      }
      page.append("<tr data-scenario=\"")
          .append(Html.esc(s.name()))
          .append("\"><th><a href=\"#")
          .append(Html.id("s-", s.name()))
          .append("\">")
          .append(Html.esc(s.name()))
          .append("</a></th>");
      for (String col : columns) {
        cell(s.matrix(), col, page);
      }
      page.append("</tr>\n");
    }
    page.append("</table>\n");
  }

  /**
   * The engines that ran the run's cells, by host, with how many cells each ran; only when
   * recorded.
   */
  private static void engines(RunReport report, StringBuilder page) {
    Map<MatrixResult.Engine, Integer> cells =
        new TreeMap<>(
            Comparator.comparing(MatrixResult.Engine::host)
                .thenComparing(MatrixResult.Engine::version)
                .thenComparing(MatrixResult.Engine::seccompDefaultName));
    for (ScenarioReport s : report.scenarios()) {
      if (s.matrix() != null) {
        s.matrix().cells().stream()
            .filter(c -> c.engine() != null)
            .forEach(c -> cells.merge(c.engine(), 1, Integer::sum));
      }
    }
    if (cells.isEmpty()) {
      return;
    }
    page.append("<h2>Engines</h2>\n<table id=\"engines\">\n<tr><th>engine</th><th>version</th>")
        .append("<th>seccomp default</th><th>cells</th></tr>\n");
    cells.forEach(
        (e, n) ->
            page.append("<tr><td><code>")
                .append(Html.esc(e.host()))
                .append("</code></td><td>")
                .append(Html.esc(e.version()))
                .append("</td><td>")
                .append(Html.esc(e.seccompDefaultName()))
                .append("</td><td>")
                .append(n)
                .append("</td></tr>\n"));
    page.append("</table>\n");
  }

  private static void cell(MatrixResult m, String config, StringBuilder page) {
    MatrixResult.CellResult cell = m.cell(config).orElse(null);
    String css = cellClass(m, config);
    String engine = cell == null || cell.engine() == null ? "" : " on " + cell.engine().host();
    page.append("<td class=\"cell ")
        .append(css)
        .append("\" data-config=\"")
        .append(Html.esc(config))
        .append("\" title=\"")
        .append(Html.esc(config))
        .append(": ")
        .append(css)
        .append(Html.esc(engine))
        .append("\">")
        .append(cell == null ? "&ndash;" : Html.esc(cell.outcome()))
        .append("</td>");
  }

  /** baseline, split, timeout, same or absent. */
  static String cellClass(MatrixResult m, String config) {
    MatrixResult.CellResult cell = m.cell(config).orElse(null);
    if (cell == null) {
      return "absent";
    }
    if (config.equals(m.baseline())) {
      return "baseline";
    }
    if (cell.timedOut()) {
      return "timeout";
    }
    return m.split(config).isPresent() ? "split" : "same";
  }

  /** The built-in cells in their documented order, then every other cell by first appearance. */
  static List<String> columns(RunReport report) {
    Set<String> seen = new LinkedHashSet<>();
    for (ScenarioReport s : report.scenarios()) {
      if (s.matrix() != null) {
        s.matrix().cells().forEach(c -> seen.add(c.config()));
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    BUILTIN_ORDER.stream().filter(seen::contains).forEach(ordered::add);
    ordered.addAll(seen);
    return List.copyOf(ordered);
  }
}
