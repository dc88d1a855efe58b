package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {

  private static String render(RunReport report) throws IOException {
    StringWriter out = new StringWriter();
    new HtmlRenderer().render(report, out);
    return out.toString();
  }

  @Test
  void render_escapesScriptInAFileName() throws IOException {
    String html = render(ReportSamples.sample());
    assertFalse(html.contains("<script"), "raw <script> in page");
    assertTrue(html.contains("/srv/&lt;script&gt;alert(1)&lt;/script&gt;"), html);
  }

  @Test
  void render_escapesQuotesAndTags_inSummariesAndErrors() throws IOException {
    String html = render(ReportSamples.sample());
    assertFalse(html.contains("<b>bold</b>"));
    assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assertTrue(html.contains("&quot;no culprit&quot; &amp;"));
    assertTrue(html.contains("&lt;container&gt; &quot;x&quot; &amp; &#39;y&#39;"));
  }

  @Test
  void render_loadsNothingFromOutside() throws IOException {
    String html = render(ReportSamples.sample());
    for (String forbidden :
        List.of("<script", "<link", "<img", "src=", "http://", "https://", "@import", "url(")) {
      assertFalse(html.contains(forbidden), forbidden);
    }
  }

  @Test
  void render_drawsTheGrid_scenariosDownCellsAcross() throws IOException {
    String html = render(ReportSamples.sample());
    String grid = html.substring(html.indexOf("<table id=\"matrix-grid\">"));
    grid = grid.substring(0, grid.indexOf("</table>"));
    assertTrue(
        grid.contains(
            "<th>unconfined</th><th>runtime-default</th><th>cap-drop-all</th>" + "<th>prod</th>"),
        grid);
    assertEquals(
        List.of("baseline", "same", "absent", "split"), classes(grid, "getrandom-seccomp"));
    assertEquals(
        List.of("baseline", "absent", "timeout", "absent"), classes(grid, "dynamic-static"));
    assertFalse(grid.contains("nondeterministic-build"), "a scenario without matrix has no row");
  }

  @Test
  void render_showsCulpritLineDifferencesAndFindings() throws IOException {
    String html = render(ReportSamples.sample());
    assertTrue(
        html.contains(
            "<p class=\"culprit\">prod: exit 3 (unconfined: exit 0) &lt;- "
                + "getrandom = -1 EPERM [seccomp]"),
        html);
    assertTrue(html.contains("<code>/built-at</code></td><td>content, mtime</td>"), html);
    assertTrue(html.contains("<code>linkage.dynamic-in-scratch</code>"), html);
  }

  @Test
  void render_listsEachCellsEngine_inItsScenario() throws IOException {
    String html = render(ReportSamples.sample());
    String section = html.substring(html.indexOf("<section id=\"s-getrandom-seccomp\">"));
    section = section.substring(0, section.indexOf("</section>"));
    assertTrue(
        section.contains(
            "<tr data-config=\"runtime-default\"><td>runtime-default</td>"
                + "<td class=\"same\">exit 0</td><td><code>tcp://build-2:2376</code></td><td>24.0.7</td>"
                + "<td>unconfined</td></tr>"),
        section);
    assertTrue(
        section.contains(
            "<tr data-config=\"prod\"><td>prod</td><td class=\"split\">exit 3</td>"
                + "<td><code>unix:///var/run/docker.sock</code></td><td>20.10.24+dfsg1</td><td>default</td></tr>"),
        section);
    String older = html.substring(html.indexOf("<section id=\"s-dynamic-static\">"));
    assertTrue(
        older.contains(
            "<td>cap-drop-all</td><td class=\"timeout\">timed out</td>"
                + "<td colspan=\"3\">not recorded</td>"),
        older);
  }

  @Test
  void render_summarisesTheEngines_byHost_withTheirCells() throws IOException {
    String html = render(ReportSamples.sample());
    String table = html.substring(html.indexOf("<table id=\"engines\">"));
    table = table.substring(0, table.indexOf("</table>"));
    assertTrue(
        table.contains(
            "<tr><td><code>tcp://build-2:2376</code></td><td>24.0.7</td>"
                + "<td>unconfined</td><td>1</td></tr>\n<tr><td><code>unix:///var/run/docker.sock</code></td>"
                + "<td>20.10.24+dfsg1</td><td>default</td><td>3</td></tr>"),
        table);
    assertTrue(html.contains("title=\"runtime-default: same on tcp://build-2:2376\""), html);
  }

  @Test
  void render_showsNoEngines_whenNoCellRecordsOne() throws IOException {
    MatrixResult m = ReportSamples.getrandomMatrix();
    MatrixResult bare =
        new MatrixResult(
            m.image(),
            m.imageId(),
            m.baseline(),
            m.cells().stream().map(c -> c.withEngine(null)).toList(),
            m.splits(),
            m.warnings());
    RunReport report =
        RunReport.of(
            "r",
            ReportSamples.CLOCK,
            List.of(new ScenarioReport("s", "s", "i", List.of(), null, bare, null, List.of())));
    String html = render(report);
    assertFalse(html.contains("id=\"engines\""), html);
    assertFalse(html.contains("class=\"cells\""), html);
  }

  @Test
  void render_isIdentical_forTheSameReport() throws IOException {
    assertEquals(render(ReportSamples.sample()), render(ReportSamples.sample()));
  }

  private static List<String> classes(String grid, String scenario) {
    int row = grid.indexOf("<tr data-scenario=\"" + scenario + "\">");
    String tr = grid.substring(row, grid.indexOf("</tr>", row));
    Matcher m = Pattern.compile("class=\"cell ([a-z]+)\"").matcher(tr);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
