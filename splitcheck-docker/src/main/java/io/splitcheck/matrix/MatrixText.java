package io.splitcheck.matrix;

import io.splitcheck.report.EngineGridText;
import java.io.PrintStream;

/** The human-readable report: one row per cell, then one summary line per split. */
public final class MatrixText {
  private MatrixText() {}

  public static void print(MatrixReport report, PrintStream out) {
    MatrixRun run = report.run();
    int width = run.cells().stream().mapToInt(c -> c.config().length()).max().orElse(8) + 2;
    out.printf("%s (%s), baseline %s%n", run.image(), shortId(run.imageId()), run.baseline());
    for (CellResult c : run.cells()) {
      out.printf(
          "  %-" + width + "s %-22s %7d ms  %s%n",
          c.config(),
          c.outcome().describe(),
          c.wallMillis(),
          traceColumn(c));
    }
    Splits.unfinishedBaseline(run.cells(), run.baseline())
        .ifPresent(w -> out.println("inconclusive: " + w));
    if (report.splits().isEmpty()) {
      out.println("no split");
      return;
    }
    out.println(report.splits().size() + (report.splits().size() == 1 ? " split:" : " splits:"));
    for (SplitExplanation s : report.splits()) {
      out.println(s.summaryLine());
      CellResult cell = run.cell(s.config());
      if (s.excerpt() != null) {
        out.println("  stderr: " + s.excerpt());
      }
      if (cell.startError() != null) {
        out.println("  did not start: " + cell.startError());
      }
    }
  }

  /**
   * A matrix on several engines: the image, the cells x engines grid with its engine splits, then
   * each engine's own splits from its baseline.
   *
   * @param image the image as the user named it (the engines ran it under the run's tag)
   */
  public static void print(EngineAxis.Result result, String image, PrintStream out) {
    MatrixRun ref = result.reference().run();
    out.printf(
        "%s (%s), baseline %s, on %d engines%n",
        image, shortId(ref.imageId()), ref.baseline(), result.targets().size());
    EngineGridText.lines(result.grid()).forEach(out::println);
    for (int i = 0; i < result.targets().size(); i++) {
      MatrixReport r = result.reports().get(i);
      String name = result.targets().get(i).name();
      out.printf(
          "on %s (%d ms): %s%n",
          name,
          result.engineMillis().get(i),
          r.splits().isEmpty()
              ? "no split from " + ref.baseline()
              : r.splits().size() + " split(s) from " + ref.baseline());
      r.splits().forEach(s -> out.println("  " + s.summaryLine()));
    }
  }

  private static String traceColumn(CellResult c) {
    if (!c.traced()) {
      return c.startError() != null ? "did not start" : "";
    }
    if (!c.trace().traceable()) {
      return c.trace().note() != null && c.trace().note().startsWith("not traceable")
          ? c.trace().note()
          : "not traceable";
    }
    return c.trace().note() == null ? "traced" : "traced; " + c.trace().note();
  }

  private static String shortId(String id) {
    String hex = id == null ? "" : id.replaceFirst("^sha256:", "");
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
