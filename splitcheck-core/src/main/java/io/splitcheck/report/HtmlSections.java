package io.splitcheck.report;

import io.splitcheck.audit.Evidence;
import io.splitcheck.audit.Finding;
import io.splitcheck.diff.TwiceResult;

/** The per-scenario part of {@code index.html}: outcome, culprit lines, differences, findings. */
final class HtmlSections {
  private static final int MAX_DIFFERENCES = 500;
  private static final int MAX_OUTPUT = 2_000;

  void scenario(ScenarioReport s, StringBuilder page) {
    page.append("<section id=\"")
        .append(Html.id("s-", s.name()))
        .append("\">\n<h2>")
        .append(Html.esc(s.name()))
        .append(" <small class=\"")
        .append(s.passed() ? "PASSED" : "FAILED")
        .append("\">")
        .append(s.passed() ? "passed" : "failed")
        .append("</small></h2>\n");
    if (s.image() != null) {
      page.append("<p>image <code>").append(Html.esc(s.image())).append("</code></p>\n");
    }
    for (ScenarioReport.BaseImage b : s.bases()) {
      page.append("<p>FROM <code>")
          .append(Html.esc(b.tag()))
          .append("</code> = <code>")
          .append(Html.esc(b.digest()))
          .append("</code></p>\n");
    }
    if (s.matrix() != null) {
      splits(s.matrix(), page);
      cells(s.matrix(), page);
      if (s.matrix().engineGrid() != null) {
        EngineGridHtml.grid(s.matrix().engineGrid(), page);
      }
    }
    if (s.twice() != null) {
      twice(s.twice(), page);
    }
    if (s.audit() != null) {
      audit(s.audit(), page);
    }
    page.append("</section>\n");
  }

  private static void splits(MatrixResult m, StringBuilder page) {
    page.append("<h3>Splits (baseline ").append(Html.esc(m.baseline())).append(")</h3>\n");
    if (m.splits().isEmpty()) {
      page.append("<p>No cell split.</p>\n");
    }
    for (MatrixResult.Split split : m.splits()) {
      page.append("<p class=\"culprit\">")
          .append(Html.esc(Texts.splitLine(m, split)))
          .append("</p>\n");
      if (split.note() != null) {
        page.append("<p>").append(Html.esc(split.note())).append("</p>\n");
      }
      m.cell(split.config())
          .map(HtmlSections::output)
          .filter(o -> !o.isEmpty())
          .ifPresent(
              o -> page.append("<pre class=\"output\">").append(Html.esc(o)).append("</pre>\n"));
    }
    for (String warning : m.warnings()) {
      page.append("<p>warning: ").append(Html.esc(warning)).append("</p>\n");
    }
  }

  /** Each cell's outcome and the engine that ran it, in the matrix's order; only when recorded. */
  private static void cells(MatrixResult m, StringBuilder page) {
    if (m.engines().isEmpty()) {
      return;
    }
    page.append("<table class=\"cells\">\n<tr><th>cell</th><th>outcome</th><th>engine</th>")
        .append("<th>version</th><th>seccomp default</th></tr>\n");
    for (MatrixResult.CellResult cell : m.cells()) {
      MatrixResult.Engine e = cell.engine();
      page.append("<tr data-config=\"")
          .append(Html.esc(cell.config()))
          .append("\"><td>")
          .append(Html.esc(cell.config()))
          .append("</td><td class=\"")
          .append(HtmlRenderer.cellClass(m, cell.config()))
          .append("\">")
          .append(Html.esc(cell.outcome()))
          .append("</td>");
      if (e == null) {
        page.append("<td colspan=\"3\">not recorded</td></tr>\n");
      } else {
        page.append("<td><code>")
            .append(Html.esc(e.host()))
            .append("</code></td><td>")
            .append(Html.esc(e.version()))
            .append("</td><td>")
            .append(Html.esc(e.seccompDefaultName()))
            .append("</td></tr>\n");
      }
    }
    page.append("</table>\n");
  }

  /** What a split cell said: its start error, else the end of its stderr (capped). */
  static String output(MatrixResult.CellResult cell) {
    String text =
        cell.startError() != null ? cell.startError() : cell.stderr() != null ? cell.stderr() : "";
    return text.length() <= MAX_OUTPUT
        ? text.strip()
        : "..." + text.substring(text.length() - MAX_OUTPUT).strip();
  }

  private static void twice(TwiceResult t, StringBuilder page) {
    page.append("<h3>Reproducibility: ")
        .append(Html.esc(t.verdict().id()))
        .append("</h3>\n<p>first ")
        .append("<code>")
        .append(Html.esc(t.first() == null ? "" : t.first().id()))
        .append("</code>, second <code>")
        .append(Html.esc(t.second() == null ? "" : t.second().id()))
        .append("</code></p>\n");
    for (String note : t.notes()) {
      page.append("<p>note: ").append(Html.esc(note)).append("</p>\n");
    }
    if (!t.configDifferences().isEmpty()) {
      page.append("<p>config differs in: <code>")
          .append(Html.esc(String.join(", ", t.configDifferences())))
          .append("</code></p>\n");
    }
    TwiceHtml.causes(t, page);
    TwiceHtml.differences(t, page, MAX_DIFFERENCES);
  }

  private static void audit(AuditResult a, StringBuilder page) {
    page.append("<h3>Audit findings</h3>\n");
    if (a.findings().isEmpty()) {
      page.append("<p>No findings.</p>\n");
      return;
    }
    page.append("<table class=\"findings\">\n<tr><th>severity</th><th>rule</th><th>message</th>")
        .append("<th>evidence</th></tr>\n");
    for (Finding f : a.findings()) {
      page.append("<tr><td>")
          .append(Html.esc(f.severity().label()))
          .append("</td><td><code>")
          .append(Html.esc(f.rule()))
          .append("</code></td><td>")
          .append(Html.esc(f.message()))
          .append("</td><td>")
          .append(Html.esc(evidence(f.evidence())))
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
  }

  static String evidence(Evidence e) {
    if (e == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    if (e.path() != null) {
      out.append(e.path());
    }
    if (e.size() != null) {
      out.append(" (").append(e.size()).append(" bytes)");
    }
    if (e.layer() != null) {
      out.append(" layer ").append(e.layer());
    }
    if (e.line() != null) {
      out.append(" Dockerfile line ").append(e.line());
    }
    if (e.base() != null) {
      out.append(" from the base image ").append(e.base());
    }
    if (e.step() != null) {
      out.append(" step ").append(e.step());
    }
    if (e.deletedInLaterLayer()) {
      out.append(" (deleted in a later layer, still in the image)");
    }
    return out.toString().trim();
  }
}
