package io.splitcheck.cli;

import io.splitcheck.engine.BuildKitClient;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Futures;
import io.splitcheck.report.Changes;
import io.splitcheck.report.ChangesRenderer;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.ConsoleRenderer;
import io.splitcheck.report.HistoryStore;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SarifRenderer;
import io.splitcheck.report.ScenarioReport;
import io.splitcheck.report.TerminalText;
import io.splitcheck.scenario.Scenario;
import io.splitcheck.scenario.ScenarioLoader;
import io.splitcheck.scenario.Shard;
import io.splitcheck.suite.ScenarioExecutor;
import io.splitcheck.suite.SuiteRunner;
import io.splitcheck.suite.SuiteSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code splitcheck run}: every scenario's checks, compared with its expectations, as three
 * reports.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the scenarios in DIR (a scenario directory, or a folder of them): build, twice, "
            + "matrix and audit as each declares, compared with its expectations; write report.json, junit.xml "
            + "and index.html. Exit 0 every expectation held, 1 one did not, 2 error.")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin FormatOptions output = new FormatOptions();

  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "A scenario directory or a folder of them.")
  Path dir;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Where to write (default reports/<run id>).")
  Path reportDir;

  @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Only these scenarios.")
  List<String> only = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N", description = "Scenarios at once (default 1).")
  int jobs = 1;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Run the I-th of N slices of the scenarios.")
  String shard;

  @Option(names = "--quiet", description = "Print only the summary.")
  boolean quiet;

  @Option(
      names = "--history",
      paramLabel = "DIR",
      description =
          "Also keep this run in DIR and write DIR/changes.md: what changed since the previous run.")
  Path history;

  @Option(names = "--keep", paramLabel = "N", description = "Runs kept in --history (default 14).")
  int keep = 14;

  @Option(
      names = "--docker-cli",
      paramLabel = "PATH",
      description = "The docker CLI to build with.")
  String dockerCli;

  @Option(
      names = Engines.OPTION,
      paramLabel = "URL",
      description =
          "An engine to run matrix cells on "
              + "(unix:///PATH, tcp://HOST:PORT, as DOCKER_HOST); repeat to spread cells round-robin. The first "
              + "builds; each other gets a scenario's image streamed from it. Default: --docker-host.")
  List<String> engines = new ArrayList<>();

  Clock clock = Clock.systemUTC();
  private int failed;
  private int errors;

  @Override
  public Integer call() throws Exception {
    Timings.mark("command");
    Engines.check(
        engines, common.dockerHost); // bad --engine input before anything is read or contacted
    OutputPaths.dir(reportDir, "--report");
    OutputPaths.dir(history, "--history");
    Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
    PrintWriter console = output.streams(spec.commandLine()).human();
    Terminal terminal = output.terminal();
    ConsoleRenderer render = new ConsoleRenderer(terminal.colour());
    // the engine connection and the docker CLI probe (processes) run while the scenarios are read
    Engines.Pending pending = Engines.connect(engines, common.dockerHost);
    CompletableFuture<BuildKitClient> probe =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return BuildKitProbe.find(dockerCli);
              } catch (EngineException e) {
                throw new CompletionException(e);
              }
            });
    List<Scenario> scenarios;
    try {
      scenarios = new ArrayList<>(ScenarioLoader.select(new ScenarioLoader().load(dir), only));
    } catch (RuntimeException e) {
      pending.abandon();
      throw e;
    }
    scenarios.sort(Comparator.comparing(Scenario::name)); // the order reports and shards use
    scenarios = slice.select(scenarios, Scenario::name);
    try (SuiteSession session = open(pending.await(), probe)) {
      session.checkEngines(
          scenarios); // a scenario's engines: that no --engine is, before any build
      String runId = session.runId();
      Path out =
          reportDir != null
              ? reportDir
              : history != null ? history.resolve(runId) : Path.of("reports", runId);
      ScenarioExecutor executor = session.executor();
      Timings.mark("session");
      long start = System.nanoTime();
      if (!quiet) {
        console.println(
            "run "
                + runId
                + ": "
                + scenarios.size()
                + " scenario(s) from "
                + dir
                + (shard == null ? "" : ", shard " + shard)
                + (engines.size() < 2 ? "" : ", matrix cells over " + engines.size() + " engines"));
        console.flush();
      }
      List<ScenarioReport> reports =
          new SuiteRunner(s -> executor.execute(s, runId), jobs)
              .run(
                  scenarios,
                  (r, done, total) -> progress(console, render, terminal, r, done, total, start));
      Timings.mark("scenarios");
      RunReport report = RunReport.of(runId, clock, reports);
      new ReportWriter().write(report, out);
      console.println(render.summary(report, Duration.ofNanos(System.nanoTime() - start)));
      console.println("report: " + out.resolve(ReportWriter.HTML));
      if (history != null) {
        Changes changes = new HistoryStore(history).record(report, keep);
        console.print(TerminalText.line(new ChangesRenderer().markdown(changes)));
        console.println("changes: " + history.resolve(HistoryStore.CHANGES));
      }
      console.flush();
      output.emit(
          FormatOptions.reportJson(report), report, new SarifRenderer(), Redactor.standard());
      Timings.mark("reported");
      int[] counts = report.counts();
      return counts[2] > 0 ? 2 : counts[1] > 0 ? 1 : 0;
    }
  }

  private SuiteSession open(Engines connected, CompletableFuture<BuildKitClient> probe)
      throws EngineException {
    try {
      return SuiteSession.open(connected.connected(), awaitProbe(probe), clock);
    } catch (EngineException | RuntimeException e) {
      connected.connected().forEach(ConnectedEngine::close);
      throw e;
    }
  }

  private static BuildKitClient awaitProbe(CompletableFuture<BuildKitClient> probe)
      throws EngineException {
    return Futures.join(probe);
  }

  private void progress(
      PrintWriter console,
      ConsoleRenderer render,
      Terminal terminal,
      ScenarioReport r,
      int done,
      int total,
      long start) {
    if (quiet) {
      return;
    }
    r.outcomes()
        .forEach(
            o -> {
              console.println(render.checkLine(r.name(), o));
              failed += o.status() == CheckOutcome.Status.FAILED ? 1 : 0;
              errors += o.status() == CheckOutcome.Status.ERROR ? 1 : 0;
            });
    if (terminal.progress()) { // a progress line for people; logs and CI get the check lines only
      console.println(
          render.progress(
              done, total, failed, errors, Duration.ofNanos(System.nanoTime() - start), 30));
    }
    console.flush();
  }
}
