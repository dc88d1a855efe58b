package io.splitcheck.cli;

import io.splitcheck.engine.RunId;
import io.splitcheck.matrix.CellOverrides;
import io.splitcheck.matrix.EngineAxis;
import io.splitcheck.matrix.JobsChoice;
import io.splitcheck.matrix.MatrixCheck;
import io.splitcheck.matrix.MatrixJson;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixRequest;
import io.splitcheck.matrix.MatrixText;
import io.splitcheck.matrix.StartCache;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.matrix.TracerChoice;
import io.splitcheck.model.Durations;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.TerminalText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitcheck matrix}: run an image under the security matrix and explain every split. */
@Command(
    name = "matrix",
    mixinStandardHelpOptions = true,
    description =
        "Run an image under unconfined, runtime-default, cap-drop-all, read-only, "
            + "no-network, restricted and custom seccomp cells (and, with --config, k8s-restricted, "
            + "k8s-default, openshift-restricted); name the syscall behind every split. "
            + "Exit 0: no split, 1: split, 2: error.")
public final class MatrixCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "a local image (never pulled)")
  String image;

  @Parameters(
      index = "1..*",
      paramLabel = "CMD",
      description = "after --: replaces the image's cmd")
  List<String> command = new ArrayList<>();

  @Option(names = "--config", paramLabel = "NAME", description = "cells to run, in this order")
  List<String> configs = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "NAME=FILE|FILE|NAME",
      description =
          "a cell under a seccomp profile: NAME=FILE, a FILE (the cell is named after it), or a bundled one by name (seccomp-profiles/NAME.json)")
  List<String> profiles = new ArrayList<>();

  @Option(
      names = "--derive",
      paramLabel = "NAME=EXPR",
      description = "a cell under the engine default profile changed by EXPR, e.g. getrandom=EPERM")
  List<String> derives = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description = "default: the first --config, " + "else unconfined")
  String baseline;

  @Option(
      names = "--trace",
      paramLabel = "MODE",
      defaultValue = "auto",
      description = "auto (baseline and split cells), always, never; default ${DEFAULT-VALUE}")
  String trace;

  @Option(
      names = "--tracer",
      paramLabel = "KIND",
      defaultValue = "auto",
      description =
          "ebpf (bpftrace on this host: every cell traced in its one run), ptrace (strace in a"
              + " second run of the cells to trace), auto (ebpf when it can run here, else ptrace);"
              + " default ${DEFAULT-VALUE}")
  String tracer;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "per run; default ${DEFAULT-VALUE}")
  String timeout;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description =
          "cells at once; default: per engine max(6, 2 x its CPUs), or max(12, 4 x its CPUs) when"
              + " its fastest container start in the last run took 1 s or more, summed over the engines")
  Integer jobs;

  @Option(
      names = Engines.OPTION,
      paramLabel = "URL",
      description =
          "an engine to run cells on "
              + "(unix:///PATH, tcp://HOST:PORT, as DOCKER_HOST); repeat to spread cells round-robin; "
              + "default: --docker-host")
  List<String> engines = new ArrayList<>();

  @Option(
      names = OnEngines.OPTION,
      paramLabel = "NAME=URL",
      description =
          "run every cell on this "
              + "engine too (repeat: the engine as an axis; the first is the reference); the image is streamed "
              + "to each and removed after; a cell whose outcome differs between engines is an engine split")
  List<String> on = new ArrayList<>();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "write the JSON report here (- for stdout)")
  Path json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "also write report.json, junit.xml and a self-contained index.html here")
  Path reportDir;

  @Option(
      names = "--default-profile",
      paramLabel = "FILE",
      description = "the engine default profile --derive starts from")
  Path defaultProfile;

  @Option(
      names = "--user",
      paramLabel = "UID[:GID]",
      description = "run every cell but the baseline as this user (runAsUser[:runAsGroup])")
  String user;

  @Option(
      names = "--limit",
      paramLabel = "KEY=VALUE",
      description = "memory=128m, pids=64 or cpus=0.5 on every cell but the baseline; repeatable")
  List<String> limits = new ArrayList<>();

  @Option(
      names = "--tmpfs",
      paramLabel = "PATH",
      description =
          "a tmpfs at PATH in every cell but the baseline (with read-only: the usual fix)")
  List<String> tmpfs = new ArrayList<>();

  @Option(
      names = "--pod",
      paramLabel = "FILE.yaml[#CONTAINER]",
      description =
          "a cell from a Kubernetes manifest (Pod, Deployment, StatefulSet, DaemonSet, Job, "
              + "CronJob): the container by name, else the one running IMAGE, else the first")
  List<String> pods = new ArrayList<>();

  @CommandLine.Mixin CommonOptions common = new CommonOptions();

  @CommandLine.Mixin FormatOptions output = new FormatOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Timings.mark("command");
    OutputPaths.file(json, "--json"); // before the matrix runs, not after
    OutputPaths.dir(reportDir, "--report");
    // options a user can get wrong in writing are checked before any engine is contacted
    if (jobs != null && jobs < 1) {
      throw new IllegalArgumentException(
          "Error parsing --jobs '" + jobs + "': expected at least 1");
    }
    TraceMode mode = TraceMode.parse(trace);
    Duration perCell = Durations.positive(timeout, "--timeout");
    output.streams(spec.commandLine()).check("--json", json);
    OnEngines.checkNotWith(on, engines);
    MatrixRequest request = request(mode, perCell);
    Redactor redactor = Redactor.standard();
    Consumer<String> warn =
        w ->
            System.err.println(
                "splitcheck matrix: warning: " + TerminalText.escape(redactor.redact(w)));
    MatrixWriter.Outcome outcome = on.isEmpty() ? spread(request, warn) : onEngines(request, warn);
    Timings.mark("cells");
    new MatrixWriter(output, json, reportDir, image).write(outcome, redactor);
    Timings.mark("reported");
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.exitCode();
  }

  /** The cells on one engine, or spread round-robin over the {@code --engine}s. */
  private MatrixWriter.Outcome spread(MatrixRequest request, Consumer<String> warn)
      throws Exception {
    // connecting (class loading, ping, info) overlaps with reading the profiles
    Engines.Pending pending = Engines.connect(engines, common.dockerHost);
    MatrixCheck.Prepared prepared;
    try {
      prepared = MatrixCheck.prepare(request);
    } catch (RuntimeException e) {
      pending.abandon();
      throw e;
    }
    Engines connected = pending.await();
    Timings.mark("engines");
    if (jobs == null) {
      JobsChoice chosen =
          JobsChoice.choose(
              connected.infos(),
              StartCache.standard().fastestStarts(connected.engines(), connected.infos()));
      Timings.note(chosen.describe());
      prepared = prepared.withJobs(chosen.jobs());
    }
    MatrixReport report;
    try (ProgressLine progress =
        ProgressLine.start("matrix", output.terminal(json))
            .total("cells", prepared.options().plan().cells().size())) {
      report =
          MatrixCheck.run(
              connected.engines(),
              connected.infos(),
              prepared,
              RunId.next(Clock.systemUTC()),
              warn);
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    MatrixText.print(report, new PrintStream(text, true, StandardCharsets.UTF_8));
    return new MatrixWriter.Outcome(
        text.toString(StandardCharsets.UTF_8),
        MatrixJson.result(report),
        report.exitCode(),
        report.engineLost() ? MatrixWriter.engineWentAway(report, json, reportDir) : null);
  }

  /** {@code --on}: every cell on every named engine, the cells x engines grid. */
  private MatrixWriter.Outcome onEngines(MatrixRequest request, Consumer<String> warn)
      throws Exception {
    Map<String, String> named = OnEngines.parse(on);
    String runId = RunId.next(Clock.systemUTC());
    // every engine runs the image under the run's tag; --pod matches containers by the image's name
    MatrixCheck.Prepared prepared = MatrixCheck.prepare(request).withImage(OnEngines.tag(runId));
    EngineAxis.Result result;
    List<String> names = List.copyOf(named.keySet());
    int cells = prepared.options().plan().cells().size();
    try (OnEngines engines = OnEngines.open(named, image, runId, warn);
        ProgressLine progress =
            ProgressLine.start(
                "matrix", output.terminal(json), l -> new EngineProgress(l, names, cells))) {
      Timings.mark("engines");
      result = EngineAxis.run(engines.targets(), prepared, runId, warn);
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    MatrixText.print(result, image, new PrintStream(text, true, StandardCharsets.UTF_8));
    MatrixResult r = result.result();
    r =
        new MatrixResult(
            image, r.imageId(), r.baseline(), r.cells(), r.splits(), r.warnings(), r.engineGrid());
    return new MatrixWriter.Outcome(
        text.toString(StandardCharsets.UTF_8), r, result.exitCode(), null);
  }

  /** The matrix the options ask for, as one request for both paths. */
  private MatrixRequest request(TraceMode mode, Duration perCell) {
    return MatrixRequest.builder(image)
        .configs(configs)
        .profiles(ProfileOptions.toMap(profiles, System.getenv()))
        .derives(NamedValue.toMap("--derive", derives, v -> v))
        .baseline(baseline)
        .trace(mode)
        .timeout(perCell)
        .jobs(jobs == null ? MatrixOptions.defaultJobs() : jobs)
        .command(command)
        .defaultProfile(defaultProfile)
        .tracer(TracerChoice.parse(tracer))
        .overrides(CellOverrides.parse(user, limits, tmpfs))
        .pods(pods)
        .build();
  }
}
