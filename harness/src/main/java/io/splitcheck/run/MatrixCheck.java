package io.splitcheck.run;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.trace.TraceCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The security matrix as one call, for {@code splitcheck matrix} and the scenario suite: expands the
 * cells, runs them, traces, attributes, and removes everything it created (labelled with
 * {@code runId}, which must be this check's own).
 */
public final class MatrixCheck {
  private MatrixCheck() {}

  /**
   * What to run.
   *
   * @param profiles cell name to profile file, in order
   * @param derives cell name to derivation expression or named derivation, in order
   * @param baseline null: the first config, else unconfined
   * @param command replaces the image's cmd; empty keeps it
   * @param defaultProfile the engine default profile file, or null to locate it
   */
  public record Request(String image, List<String> configs, Map<String, Path> profiles,
                        Map<String, String> derives, String baseline, TraceMode trace,
                        Duration timeout, int jobs, List<String> command, Path defaultProfile) {
    public Request {
      configs = List.copyOf(configs);
      profiles = new LinkedHashMap<>(profiles);
      derives = new LinkedHashMap<>(derives);
      command = List.copyOf(command);
    }
  }

  /** Checks the request before the engine is contacted: cells, baseline, options. */
  public static Prepared prepare(Request r) throws IOException {
    CustomCells cells = CustomCells.load(r.profiles(), r.derives(), r.defaultProfile());
    MatrixPlan plan = MatrixPlan.expand(r.configs(), cells.cells(),
        Optional.ofNullable(r.baseline()));
    MatrixOptions options = new MatrixOptions(r.image(), plan, r.trace(), r.timeout(), r.jobs(),
        r.command(), MatrixOptions.DEFAULT_OUTPUT_CAP);
    return new Prepared(cells, options);
  }

  /** A checked request. */
  public record Prepared(CustomCells cells, MatrixOptions options) {}

  /** Runs a prepared matrix; warnings go to {@code warn} as soon as they are known. */
  public static MatrixReport run(ContainerEngine engine, Prepared p, String runId,
      Consumer<String> warn) throws EngineException {
    MatrixOptions o = p.options();
    String arch = MatrixRunner.requireImage(engine, o.image()).architecture();
    List<String> warnings = new ArrayList<>(p.cells().warnings());
    warnings.addAll(p.cells().lint(arch));
    warnings.forEach(warn);
    TraceAttributor attributor = new TraceAttributor(
        Restrictions.forPlan(o.plan(), p.cells().engineDefault()), arch);
    MatrixReport report;
    RunScope scope = new RunScope(engine, runId);
    try {
      TraceCollector collector = new TraceCollector(engine, TracerBundle.fromHost(), runId);
      MatrixRun run = new MatrixRunner(engine, collector, runId, attributor).run(o);
      report = MatrixAnalysis.analyze(run, o.plan(), attributor, warnings);
    } catch (EngineException | RuntimeException e) {
      closeQuietly(scope, e);
      throw e;
    }
    try {
      scope.close();
    } catch (EngineException | RuntimeException e) {
      if (!report.engineLost()) {
        throw e;
      }
      String w = "the run's objects could not be removed (the engine went away): run `splitcheck gc` "
          + "once it is back";
      warn.accept(w);
      warnings.add(w);
      report = MatrixAnalysis.analyze(report.run(), o.plan(), attributor, warnings);
    }
    return report;
  }

  private static void closeQuietly(RunScope scope, Exception failure) {
    try {
      scope.close();
    } catch (EngineException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
