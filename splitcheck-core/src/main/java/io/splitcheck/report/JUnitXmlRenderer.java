package io.splitcheck.report;

import io.splitcheck.report.CheckOutcome.Status;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code junit.xml} in the Ant/Surefire format CI systems read: one {@code <testsuite>} per
 * scenario, one {@code <testcase>} per check; a failed expectation is a {@code <failure>} whose
 * message is "expected X, got Y" and whose text holds expectation and actual result; a check that
 * could not run is an {@code <error>}; a check not run is {@code <skipped>}. A matrix testcase
 * names the engine of each cell, as properties and in its system-out.
 */
public final class JUnitXmlRenderer {

  public void render(RunReport report, Writer out) throws IOException {
    int[] c = withGrids(report.counts(), report.scenarios());
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write(
        "<testsuites name=\"splitcheck\" tests=\""
            + c[0]
            + "\" failures=\""
            + c[1]
            + "\" errors=\""
            + c[2]
            + "\" skipped=\""
            + c[3]
            + "\" time=\""
            + seconds(totalMillis(report))
            + "\" timestamp=\""
            + timestamp(report.startedAt())
            + "\">\n");
    for (ScenarioReport s : report.scenarios()) {
      suite(report, s, out);
    }
    out.write("</testsuites>\n");
    out.flush();
  }

  private void suite(RunReport report, ScenarioReport s, Writer out) throws IOException {
    RunReport one =
        new RunReport(
            report.schemaVersion(), report.runId(), report.startedAt(), report.tool(), List.of(s));
    int[] c = withGrids(one.counts(), List.of(s));
    long millis = s.outcomes().stream().mapToLong(CheckOutcome::millis).sum();
    out.write(
        "  <testsuite name=\""
            + Xml.attr(s.name())
            + "\" tests=\""
            + c[0]
            + "\" failures=\""
            + c[1]
            + "\" errors=\""
            + c[2]
            + "\" skipped=\""
            + c[3]
            + "\" time=\""
            + seconds(millis)
            + "\" timestamp=\""
            + timestamp(report.startedAt())
            + "\">\n");
    for (CheckOutcome o : s.outcomes()) {
      testcase(s, o, out);
    }
    EngineGrid grid = s.matrix() == null ? null : s.matrix().engineGrid();
    if (grid != null) {
      gridCases(s, grid, out);
    }
    out.write("  </testsuite>\n");
  }

  private void testcase(ScenarioReport s, CheckOutcome o, Writer out) throws IOException {
    out.write(
        "    <testcase classname=\"splitcheck."
            + Xml.attr(s.name())
            + "\" name=\""
            + Xml.attr(o.check())
            + "\" time=\""
            + seconds(o.millis())
            + "\">\n");
    List<MatrixResult.CellResult> cells =
        o.check().equals("matrix") && s.matrix() != null
            ? s.matrix().cells().stream().filter(c -> c.engine() != null).toList()
            : List.of();
    properties(cells, out);
    String details = details(o);
    if (o.status() == Status.FAILED) {
      element(out, "failure", o.message(), "expectation", details);
    } else if (o.status() == Status.ERROR) {
      element(out, "error", o.message(), "error", details);
    } else if (o.status() == Status.SKIPPED) {
      out.write("      <skipped message=\"" + Xml.attr(o.message()) + "\"/>\n");
    }
    StringBuilder text = new StringBuilder(details);
    for (MatrixResult.CellResult c : cells) {
      text.append("\ncell ")
          .append(c.config())
          .append(": ")
          .append(c.outcome())
          .append(" on ")
          .append(c.engine().describe());
    }
    if (o.check().equals("matrix") && s.matrix() != null) {
      for (MatrixResult.CellResult c : s.matrix().cells()) {
        if (c.stderr() != null && !c.stderr().isBlank()) {
          text.append("\ncell ")
              .append(c.config())
              .append(" stderr:\n")
              .append(c.stderr().stripTrailing());
        }
      }
    }
    out.write("      <system-out>" + Xml.text(text.toString().strip()) + "</system-out>\n");
    out.write("    </testcase>\n");
  }

  /**
   * The engine of each cell, in the matrix's order, as testcase properties (the form pytest's
   * {@code record_property} writes and CI servers read): {@code cell.NAME.engine}, {@code
   * .engineVersion}, {@code .seccompDefault}.
   */
  private static void properties(List<MatrixResult.CellResult> cells, Writer out)
      throws IOException {
    if (cells.isEmpty()) {
      return;
    }
    out.write("      <properties>\n");
    for (MatrixResult.CellResult c : cells) {
      property(out, "cell." + c.config() + ".engine", c.engine().host());
      property(out, "cell." + c.config() + ".engineVersion", c.engine().version());
      property(out, "cell." + c.config() + ".seccompDefault", c.engine().seccompDefaultName());
    }
    out.write("      </properties>\n");
  }

  /** The counts with one testcase per cell x engine, an engine split being a failure. */
  private static int[] withGrids(int[] counts, List<ScenarioReport> scenarios) {
    int[] c = counts.clone();
    for (ScenarioReport s : scenarios) {
      EngineGrid grid = s.matrix() == null ? null : s.matrix().engineGrid();
      if (grid != null) {
        c[0] += grid.cells().stream().mapToInt(r -> r.entries().size()).sum();
        c[1] += grid.splits().size();
      }
    }
    return c;
  }

  /**
   * One testcase per cell x engine, named {@code CELL on ENGINE} under {@code
   * splitcheck.NAME.engines}: a failure when the cell's outcome there differs from the reference
   * engine's.
   */
  private static void gridCases(ScenarioReport s, EngineGrid grid, Writer out) throws IOException {
    for (EngineGrid.Row row : grid.cells()) {
      for (EngineGrid.Entry e : row.entries()) {
        out.write(
            "    <testcase classname=\"splitcheck."
                + Xml.attr(s.name())
                + ".engines\" name=\""
                + Xml.attr(row.config() + " on " + e.engine())
                + "\" time=\""
                + seconds(e.wallMillis())
                + "\">\n");
        Optional<EngineGrid.EngineSplit> split = grid.split(row.config(), e.engine());
        if (split.isPresent()) {
          element(
              out,
              "failure",
              "engine split: "
                  + e.outcome()
                  + " on "
                  + e.engine()
                  + ", "
                  + split.get().referenceOutcome()
                  + " on "
                  + grid.reference(),
              "engine-split",
              split.get().summary());
        }
        out.write(
            "      <system-out>"
                + Xml.text(
                    row.config()
                        + " on "
                        + e.engine()
                        + ": "
                        + e.outcome()
                        + (e.split() == null ? "" : "\n" + e.split()))
                + "</system-out>\n");
        out.write("    </testcase>\n");
      }
    }
  }

  private static void property(Writer out, String name, String value) throws IOException {
    out.write(
        "        <property name=\"" + Xml.attr(name) + "\" value=\"" + Xml.attr(value) + "\"/>\n");
  }

  private static void element(Writer out, String name, String message, String type, String text)
      throws IOException {
    out.write(
        "      <"
            + name
            + " message=\""
            + Xml.attr(message)
            + "\" type=\""
            + type
            + "\">"
            + Xml.text(text)
            + "</"
            + name
            + ">\n");
  }

  /**
   * {@code expected: X} and {@code actual: Y}, each only when there is one (an error often has
   * neither).
   */
  static String details(CheckOutcome o) {
    StringBuilder sb = new StringBuilder();
    if (!o.expected().isEmpty()) {
      sb.append("expected: ").append(o.expected());
    }
    if (!o.actual().isEmpty()) {
      sb.append(sb.length() == 0 ? "" : "\n").append("actual: ").append(o.actual());
    }
    return sb.length() == 0 ? o.message() : sb.toString();
  }

  /**
   * The xs:dateTime form Jenkins' xunit schema accepts: UTC, whole seconds, no zone designator
   * ({@code 2026-11-26T02:00:00}).
   */
  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static long totalMillis(RunReport report) {
    return report.scenarios().stream()
        .flatMap(s -> s.outcomes().stream())
        .mapToLong(CheckOutcome::millis)
        .sum();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }
}
