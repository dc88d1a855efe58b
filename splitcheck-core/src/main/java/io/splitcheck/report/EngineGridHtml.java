package io.splitcheck.report;

/**
 * The cells x engines grid of {@code index.html}: a table, engine splits marked, then their lines.
 */
final class EngineGridHtml {
  private EngineGridHtml() {}

  static void grid(EngineGrid grid, StringBuilder page) {
    page.append("<h3>Cells &times; engines (reference ")
        .append(Html.esc(grid.reference()))
        .append(")</h3>\n<table class=\"engine-grid\">\n<tr><th>cell</th>");
    for (EngineGrid.Column c : grid.engines()) {
      page.append("<th title=\"")
          .append(Html.esc(EngineGridText.describe(c)))
          .append("\">")
          .append(Html.esc(c.name()))
          .append("<br><small>")
          .append(Html.esc(c.kind()))
          .append(c.runtime() == null ? "" : ", " + Html.esc(c.runtime()))
          .append("</small></th>");
    }
    page.append("</tr>\n");
    for (EngineGrid.Row row : grid.cells()) {
      page.append("<tr><td>").append(Html.esc(row.config())).append("</td>");
      for (EngineGrid.Column c : grid.engines()) {
        boolean split = grid.split(row.config(), c.name()).isPresent();
        String outcome = row.on(c.name()).map(EngineGrid.Entry::outcome).orElse("-");
        page.append("<td class=\"")
            .append(split ? "FAILED" : "PASSED")
            .append("\">")
            .append(Html.esc(outcome))
            .append(split ? " (engine split)" : "")
            .append("</td>");
      }
      page.append("</tr>\n");
    }
    page.append("</table>\n");
    if (grid.splits().isEmpty()) {
      page.append("<p>No engine split.</p>\n");
    }
    for (EngineGrid.EngineSplit s : grid.splits()) {
      page.append("<p class=\"culprit\">").append(Html.esc(s.summary())).append("</p>\n");
    }
  }
}
