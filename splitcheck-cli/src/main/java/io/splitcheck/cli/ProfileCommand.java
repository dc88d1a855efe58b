package io.splitcheck.cli;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.matrix.BuiltInCells;
import io.splitcheck.matrix.Cell;
import io.splitcheck.matrix.CellResult;
import io.splitcheck.matrix.CustomCells;
import io.splitcheck.matrix.MatrixAnalysis;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.MatrixPlan;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixRun;
import io.splitcheck.matrix.MatrixRunner;
import io.splitcheck.matrix.MatrixText;
import io.splitcheck.matrix.Restrictions;
import io.splitcheck.matrix.RunScope;
import io.splitcheck.matrix.TraceAttributor;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.model.Durations;
import io.splitcheck.report.TerminalText;
import io.splitcheck.seccomp.ProfileGenerator;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.trace.Trace;
import io.splitcheck.tracer.TraceCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitcheck profile}: trace the entrypoint in the baseline cell, write the minimal
 * allowlist profile, then run under it and fail unless the outcome equals the baseline's.
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description =
        "Record every syscall the entrypoint makes (full trace in the baseline cell), write "
            + "a minimal allowlist seccomp profile, and verify it: exit 0 when the image's outcome under "
            + "the profile equals the baseline's, 1 when not, 2 on error.")
public final class ProfileCommand implements Callable<Integer> {
  static final String GENERATED = "generated";

  @Parameters(index = "0", paramLabel = "IMAGE", description = "a local image (never pulled)")
  String image;

  @Parameters(
      index = "1..*",
      paramLabel = "CMD",
      description = "after --: replaces the image's cmd")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "where the profile goes (default: stdout)")
  Path out;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      defaultValue = BuiltInCells.UNCONFINED,
      description = "the built-in cell traced; default ${DEFAULT-VALUE}")
  String baseline;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "per run; default ${DEFAULT-VALUE}")
  String timeout;

  @Option(
      names = "--default-profile",
      paramLabel = "FILE",
      description = "the engine default profile (its architectures are copied)")
  Path defaultProfile;

  @Mixin CommonOptions common = new CommonOptions();

  @Option(
      names = "--trace-runs",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "traced baseline runs whose syscalls are joined (default: ${DEFAULT-VALUE}); more for a "
              + "program whose start-up varies between runs")
  int traceRuns = 1;

  @Override
  public Integer call() throws Exception {
    OutputPaths.file(out, "--out");
    Cell base =
        BuiltInCells.named(baseline)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--baseline '"
                            + baseline
                            + "': expected a built-in cell "
                            + BuiltInCells.names()));
    CustomCells defaults = CustomCells.load(Map.of(), Map.of(), defaultProfile);
    ContainerEngine engine =
        EngineConnection.open(common).containers(); // the client lives as long as the command
    String arch = MatrixRunner.requireImage(engine, image).architecture();
    String runId = RunId.next(Clock.systemUTC());
    try (RunScope scope = new RunScope(engine, runId)) {
      TraceCollector collector = new TraceCollector(engine, TracerBundle.fromHost(), runId);
      MatrixPlan tracePlan = new MatrixPlan(List.of(base), base.name());
      TraceAttributor tracer =
          new TraceAttributor(Restrictions.forPlan(tracePlan, defaults.engineDefault()), arch);
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < traceRuns; i++) { // with --trace-runs N, the union of N traces
        MatrixRun traced =
            new MatrixRunner(engine, collector, runId, tracer)
                .run(options(tracePlan, TraceMode.ALWAYS));
        names.addAll(syscalls(traced.cell(base.name())));
      }
      SeccompProfile profile = ProfileGenerator.runnable(names, defaults.engineDefault());
      write(profile);
      Cell generated =
          new Cell(
              GENERATED,
              ContainerSecurity.customProfile(profile.toJson()),
              "profile generated from the " + base.name() + " trace");
      MatrixPlan verify =
          MatrixPlan.expand(List.of(base.name(), GENERATED), List.of(generated), Optional.empty());
      TraceAttributor attributor =
          new TraceAttributor(Restrictions.forPlan(verify, defaults.engineDefault()), arch);
      MatrixRun run =
          new MatrixRunner(engine, collector, runId, attributor)
              .run(options(verify, TraceMode.AUTO));
      MatrixReport report = MatrixAnalysis.analyze(run, verify, attributor, List.of());
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      MatrixText.print(report, new PrintStream(text, true, StandardCharsets.UTF_8));
      System.err.print(TerminalText.line(text.toString(StandardCharsets.UTF_8)));
      System.err.println(
          report.splits().isEmpty()
              ? "profile verified: the outcome under it equals " + base.name() + "'s"
              : "profile NOT verified: the outcome under it differs from " + base.name() + "'s");
      return report.exitCode();
    }
  }

  private MatrixOptions options(MatrixPlan plan, TraceMode mode) {
    return new MatrixOptions(
        image,
        plan,
        mode,
        Durations.positive(timeout, "--timeout"),
        2,
        command,
        MatrixOptions.DEFAULT_OUTPUT_CAP);
  }

  private static Set<String> syscalls(CellResult traced) {
    if (!traced.traced() || !traced.trace().traceable()) {
      throw new IllegalStateException(
          "the "
              + traced.config()
              + " run could not be traced: "
              + (traced.traced() ? traced.trace().note() : "not traced"));
    }
    return Trace.parse(traced.trace().lines(), traced.config() + " trace").syscallNames();
  }

  private void write(SeccompProfile profile) throws IOException {
    if (out == null) {
      System.out.print(profile.toJson());
      System.out.flush();
    } else {
      Files.writeString(out, profile.toJson(), StandardCharsets.UTF_8);
      System.err.println("splitcheck profile: wrote " + out);
    }
  }
}
