package io.splitcheck.matrix;

import io.splitcheck.engine.CappedOutput;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.trace.FailedSyscall;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A matrix run as the one {@link MatrixResult} record (cells in plan order), and the {@code --json}
 * document: that record in the project's one JSON form, after its {@code schemaVersion}.
 */
public final class MatrixJson {
  private MatrixJson() {}

  public static void write(MatrixReport report, OutputStream out) throws IOException {
    Json.write(Document.of(result(report)), out);
  }

  public static MatrixResult result(MatrixReport report) {
    MatrixRun run = report.run();
    List<MatrixResult.CellResult> cells =
        run.cells().stream()
            .map(c -> cell(c, report.failedSyscalls().getOrDefault(c.config(), List.of())))
            .toList();
    List<MatrixResult.Split> splits =
        report.splits().stream()
            .map(
                s ->
                    new MatrixResult.Split(
                        s.config(),
                        s.baseline(),
                        s.summaryLine(),
                        s.culprits(),
                        s.note(),
                        s.excerpt()))
            .toList();
    return new MatrixResult(
        run.image(), run.imageId(), run.baseline(), cells, splits, report.warnings());
  }

  private static MatrixResult.CellResult cell(CellResult c, List<FailedSyscall> failed) {
    CappedOutput out = c.stdout();
    CappedOutput err = c.stderr();
    boolean traced = c.traced() && c.trace().traceable();
    return new MatrixResult.CellResult(
        c.config(),
        c.outcome().exitCode(),
        c.outcome().timedOut(),
        c.outcome().oomKilled(),
        c.wallMillis(),
        failed,
        out.text(),
        out.truncated() ? Boolean.TRUE : null,
        out.truncated() ? out.totalBytes() : null,
        err.text(),
        err.truncated() ? Boolean.TRUE : null,
        err.truncated() ? err.totalBytes() : null,
        c.startError(),
        traced,
        !c.traced() || c.trace().traceable(),
        c.traced() ? c.trace().note() : null,
        engine(c.engine()));
  }

  static MatrixResult.Engine engine(EngineInfo e) {
    return e == null
        ? null
        : new MatrixResult.Engine(e.host(), e.version(), e.seccompDefault(), e.seccompProfile());
  }
}
