package io.splitcheck.cli;

import io.splitcheck.report.ReportMerger;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code splitcheck merge-reports}: the shards of one nightly as one report and one HTML page. */
@Command(
    name = "merge-reports",
    mixinStandardHelpOptions = true,
    description =
        "Join the report directories of `run --shard I/N` jobs into one report.json, junit.xml and "
            + "index.html, as one unsharded run writes them. Exit 0 every expectation held, 1 not, 2 error.")
public final class MergeReportsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "Report directories of the shards.")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Where to write the merged report.")
  Path out;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "The merged run's id (default: the first shard's).")
  String runId;

  @Override
  public Integer call() throws Exception {
    List<RunReport> shards = new ArrayList<>();
    for (Path dir : dirs) {
      if (!dir.resolve(ReportWriter.JSON).toFile().isFile()) {
        throw new IllegalArgumentException(
            "merge-reports: '" + dir + "' holds no " + ReportWriter.JSON);
      }
      shards.add(ReportWriter.read(dir));
    }
    RunReport merged = ReportMerger.merge(shards, runId);
    new ReportWriter().write(merged, out);
    spec.commandLine()
        .getOut()
        .println(
            "merged "
                + shards.size()
                + " report(s), "
                + merged.scenarios().size()
                + " scenario(s): "
                + out.resolve(ReportWriter.HTML));
    int[] c = merged.counts();
    return c[2] > 0 ? 2 : c[1] > 0 ? 1 : 0;
  }
}
