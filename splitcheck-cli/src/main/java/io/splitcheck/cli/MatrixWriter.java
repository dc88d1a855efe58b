package io.splitcheck.cli;

import io.splitcheck.engine.EngineException;
import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.matrix.CellResult;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SarifRenderer;
import io.splitcheck.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What {@code splitcheck matrix} writes once its cells ran, on one engine or on several: the human
 * text, {@code --json}, {@code --format}'s stdout and {@code --report}, and the error of an engine
 * that went away.
 */
final class MatrixWriter {
  private final FormatOptions output;
  private final Path json;
  private final Path reportDir;
  private final String image;

  MatrixWriter(FormatOptions output, Path json, Path reportDir, String image) {
    this.output = output;
    this.json = json;
    this.reportDir = reportDir;
    this.image = image;
  }

  /**
   * What a run found, whichever way its cells ran: the human text, the one result record the JSON,
   * the report and {@code --format} render, the exit code, and an error to raise once all is
   * written.
   */
  record Outcome(String text, MatrixResult result, int exitCode, EngineException failure) {}

  /** The text, {@code --json}, {@code --format}'s stdout and {@code --report}, for either path. */
  void write(Outcome outcome, Redactor redactor) throws IOException {
    PrintWriter human = output.human();
    human.print(
        Colours.paint(
            TerminalText.escape(redactor.redact(outcome.text())), output.terminal(json).colour()));
    human.flush();
    String document = Json.text(Document.of(outcome.result()));
    if (json != null) {
      output.writeJson(json, document, redactor);
    }
    RunReport single = SingleImageReport.of(image, outcome.result(), Clock.systemUTC());
    output.emit(document, single, new SarifRenderer(), redactor);
    if (reportDir != null) {
      new ReportWriter().write(single, reportDir);
      human.println("report: " + reportDir.resolve(ReportWriter.HTML));
      human.flush();
    }
  }

  /** Exit 2 with the cells that did not finish; the report of those that did is already written. */
  static EngineException engineWentAway(MatrixReport report, Path json, Path reportDir) {
    List<CellResult> cells = report.run().cells();
    List<CellResult> lost = cells.stream().filter(CellResult::engineLost).toList();
    String written =
        json == null && reportDir == null
            ? ""
            : "; the report of the "
                + (cells.size() - lost.size())
                + " finished cell(s) was written to "
                + (reportDir != null ? reportDir : json);
    return new EngineException(
        "the engine went away during the run: "
            + lost.size()
            + " of "
            + cells.size()
            + " cell(s) did not finish ("
            + lost.stream().map(CellResult::config).toList()
            + ": "
            + lost.get(0).startError()
            + ")"
            + written);
  }
}
