package io.splitcheck.cli;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.matrix.CellResult;
import io.splitcheck.matrix.MatrixCheck;
import io.splitcheck.matrix.MatrixJson;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.TracerChoice;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.suite.Suites;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixText;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.report.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitcheck matrix}: run an image under the security matrix and explain every split. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = "Run an image under unconfined, runtime-default, cap-drop-all, read-only, "
        + "no-network, restricted and custom seccomp cells; name the syscall behind every split. "
        + "Exit 0: no split, 1: split, 2: error.")
public final class MatrixCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "a local image (never pulled)")
  String image;

  @Parameters(index = "1..*", paramLabel = "CMD", description = "after --: replaces the image's cmd")
  List<String> command = new ArrayList<>();

  @Option(names = "--config", paramLabel = "NAME", description = "cells to run, in this order")
  List<String> configs = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "NAME=FILE", description = "a cell under a seccomp profile")
  List<String> profiles = new ArrayList<>();

  @Option(names = "--derive", paramLabel = "NAME=EXPR",
      description = "a cell under the engine default profile changed by EXPR, e.g. getrandom=EPERM")
  List<String> derives = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "NAME", description = "default: the first --config, "
      + "else unconfined")
  String baseline;

  @Option(names = "--trace", paramLabel = "MODE", defaultValue = "auto",
      description = "auto (baseline and split cells), always, never; default ${DEFAULT-VALUE}")
  String trace;

  @Option(names = "--tracer", paramLabel = "KIND", defaultValue = "auto",
      description = "ebpf (bpftrace on this host: every cell traced in its one run), ptrace (strace in a"
          + " second run of the cells to trace), auto (ebpf when it can run here, else ptrace);"
          + " default ${DEFAULT-VALUE}")
  String tracer;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "per run; default ${DEFAULT-VALUE}")
  String timeout;

  @Option(names = "--jobs", paramLabel = "N",
      description = "cells at once; default: the sum over the engines of max(6, 2 x its CPUs)")
  Integer jobs;

  @Option(names = Engines.OPTION, paramLabel = "URL", description = "an engine to run cells on "
      + "(unix:///PATH, tcp://HOST:PORT, as DOCKER_HOST); repeat to spread cells round-robin; "
      + "default: --docker-host")
  List<String> engines = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "write the JSON report here")
  Path json;

  @Option(names = "--report", paramLabel = "DIR",
      description = "also write report.json, junit.xml and a self-contained index.html here")
  Path reportDir;

  @Option(names = "--default-profile", paramLabel = "FILE",
      description = "the engine default profile --derive starts from")
  Path defaultProfile;

  @picocli.CommandLine.Mixin
  CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    Timings.mark("command");
    // connecting (class loading, ping, info) overlaps with reading the profiles
    Engines.Pending pending = Engines.connect(engines, common.dockerHost);
    MatrixCheck.Prepared prepared = MatrixCheck.prepare(new MatrixCheck.Request(image, configs,
        NamedValue.toMap("--profile", profiles, Path::of), NamedValue.toMap("--derive", derives, v -> v),
        baseline, TraceMode.parse(trace), Durations.parse(timeout, "--timeout"),
        jobs == null ? MatrixOptions.defaultJobs() : jobs, command, defaultProfile,
        TracerChoice.parse(tracer)));
    Engines connected = pending.await();
    Timings.mark("engines");
    if (jobs == null) {
      prepared = prepared.withJobs(MatrixOptions.defaultJobs(connected.infos()));
    }
    Redactor redactor = Redactor.standard();
    MatrixReport report = MatrixCheck.run(connected.engines(), connected.infos(), prepared,
        RunId.next(Clock.systemUTC()), w -> System.err.println("splitcheck matrix: warning: " + redactor.redact(w)));
    Timings.mark("cells");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    MatrixText.print(report, new PrintStream(text, true, StandardCharsets.UTF_8));
    System.out.print(redactor.redact(text.toString(StandardCharsets.UTF_8)));
    System.out.flush();
    if (json != null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      MatrixJson.write(report, bytes);
      Files.writeString(json, redactor.redact(bytes.toString(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
    if (reportDir != null) {
      new ReportWriter().write(SingleImageReport.of(image, Suites.matrixResult(report), Clock.systemUTC()),
          reportDir);
      System.out.println("report: " + reportDir.resolve(ReportWriter.HTML));
    }
    Timings.mark("reported");
    if (report.engineLost()) {
      throw engineWentAway(report);
    }
    return report.exitCode();
  }

  /** Exit 2 with the cells that did not finish; the report of those that did is already written. */
  private EngineException engineWentAway(MatrixReport report) {
    List<CellResult> cells = report.run().cells();
    List<CellResult> lost = cells.stream().filter(CellResult::engineLost)
        .toList();
    String written = json == null && reportDir == null ? "" : "; the report of the "
        + (cells.size() - lost.size()) + " finished cell(s) was written to "
        + (reportDir != null ? reportDir : json);
    return new EngineException("the engine went away during the run: "
        + lost.size() + " of " + cells.size() + " cell(s) did not finish ("
        + lost.stream().map(CellResult::config).toList() + ": "
        + lost.get(0).startError() + ")" + written);
  }
}
