package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineFacts;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.engine.Progress;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.report.EngineGrid;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.seccomp.EngineDefaultProfile;
import io.splitcheck.tracer.TraceCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine as a matrix axis ({@code matrix --on NAME=URL ...}): every cell on every engine, each
 * engine attributing with its own default profile; then the engine splits (a cell whose outcome
 * differs from the reference engine's, the first), both sides traced and explained with cause
 * {@code engine}. Each engine must hold the image under {@code MatrixOptions.image()}.
 */
public final class EngineAxis {
  /**
   * The {@link Progress} group whose item is the engine now working: the "cells" and "traced"
   * events between its start and finish are that engine's (the engines run one after the other).
   */
  public static final String PROGRESS_GROUP = "engine";

  private EngineAxis() {}

  /**
   * One named engine.
   *
   * @param defaultProfile the real profile its default is, or null when none matches it
   */
  public record Target(
      String name,
      ContainerEngine engine,
      EngineInfo info,
      EngineFacts facts,
      EngineDefaultProfile defaultProfile) {}

  /** Each engine's matrix report, in target order, and the grid. */
  public record Result(
      List<Target> targets, List<MatrixReport> reports, EngineGrid grid, List<Long> engineMillis) {
    public Result {
      targets = List.copyOf(targets);
      reports = List.copyOf(reports);
      engineMillis = List.copyOf(engineMillis);
    }

    public MatrixReport reference() {
      return reports.get(0);
    }

    /** 2: an engine went away; 1: a split on some engine, or an engine split; else 0. */
    public int exitCode() {
      if (reports.stream().anyMatch(MatrixReport::engineLost)) {
        return 2;
      }
      boolean split =
          !grid.splits().isEmpty() || reports.stream().anyMatch(r -> !r.splits().isEmpty());
      return split ? 1 : 0;
    }

    /** The one result record: the reference engine's cells and splits, with the grid. */
    public MatrixResult result() {
      MatrixResult r = MatrixJson.result(reference());
      return new MatrixResult(
          r.image(), r.imageId(), r.baseline(), r.cells(), r.splits(), r.warnings(), grid);
    }
  }

  /**
   * The real default profile of an engine of this kind, from {@code seccomp-profiles/}; empty (and
   * a warning) when none matches the engine or the folder is not found.
   */
  public static Optional<EngineDefaultProfile> defaultProfile(
      String name, EngineFacts facts, Consumer<String> warn) {
    String file = facts.defaultProfileFile();
    Optional<Path> dir = CustomCells.profilesDir();
    if (file == null || dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(file))) {
      warn.accept(
          "engine "
              + name
              + " ("
              + facts.kind()
              + " "
              + facts.version()
              + "): "
              + (file == null
                  ? "no real default profile in seccomp-profiles/ matches it"
                  : "seccomp-profiles/" + file + " not found (set SPLITCHECK_PROFILES)")
              + "; its default-profile cells are attributed with the --default-profile");
      return Optional.empty();
    }
    try {
      return Optional.of(
          EngineDefaultProfile.parse(Files.readString(dir.get().resolve(file)), file));
    } catch (IOException e) {
      throw new IllegalStateException(
          "reading " + dir.get().resolve(file) + " failed: " + e.getMessage(), e);
    }
  }

  public static Result run(
      List<Target> targets, MatrixCheck.Prepared p, String runId, Consumer<String> warn)
      throws EngineException {
    MatrixOptions o = p.options();
    ImageConfig image = MatrixRunner.requireImage(targets.get(0).engine(), o.image());
    List<String> warnings = new ArrayList<>(p.cells().warnings());
    warnings.addAll(p.cells().lint(image.architecture()));
    warnings.forEach(warn);
    List<RunScope> scopes = new ArrayList<>();
    try {
      TracerBundle bundle = o.trace() == TraceMode.NEVER ? null : TracerBundle.fromHost();
      List<TraceAttributor> attributors = new ArrayList<>();
      List<MatrixRunner> runners = new ArrayList<>();
      List<MatrixRun> runs = new ArrayList<>();
      List<Long> millis = new ArrayList<>();
      for (Target t : targets) {
        scopes.add(new RunScope(t.engine(), runId));
        TraceAttributor a =
            new TraceAttributor(
                Restrictions.forPlan(
                    o.plan(),
                    t.defaultProfile() == null
                        ? p.cells().engineDefault()
                        : t.defaultProfile().profile()),
                image.architecture());
        MatrixRunner runner =
            new MatrixRunner(
                List.of(
                    new EngineSlot(
                        t.engine(),
                        t.info(),
                        bundle == null ? null : new TraceCollector(t.engine(), bundle, runId))),
                runId,
                a);
        long started = System.nanoTime();
        runs.add(
            onEngine(
                t.name(), () -> runner.run(o, MatrixRunner.requireImage(t.engine(), o.image()))));
        millis.add((System.nanoTime() - started) / 1_000_000);
        attributors.add(a);
        runners.add(runner);
      }
      List<EngineSplits.Pair> pairs = EngineSplits.pairs(runs);
      List<MatrixReport> reports = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        long started = System.nanoTime();
        MatrixRunner runner = runners.get(i);
        MatrixRun run = runs.get(i);
        Set<String> needed = needed(pairs, i);
        MatrixRun traced = onEngine(targets.get(i).name(), () -> runner.traceMore(run, o, needed));
        millis.set(i, millis.get(i) + (System.nanoTime() - started) / 1_000_000);
        runs.set(i, traced);
        reports.add(MatrixAnalysis.analyze(traced, o.plan(), attributors.get(i), warnings));
      }
      EngineGrid grid =
          EngineSplits.grid(targets, reports, pairs, attributors, o.plan(), image.architecture());
      MatrixCheck.closeAll(scopes);
      return new Result(targets, reports, grid, millis);
    } catch (EngineException | RuntimeException e) {
      MatrixCheck.closeQuietly(scopes, e);
      throw e;
    }
  }

  private interface EngineWork<T> {
    T run() throws EngineException;
  }

  /** {@code work}, told to the progress line as engine {@code name}'s ({@link #PROGRESS_GROUP}). */
  private static <T> T onEngine(String name, EngineWork<T> work) throws EngineException {
    Progress.started(PROGRESS_GROUP, name);
    try {
      return work.run();
    } finally {
      Progress.finished(PROGRESS_GROUP, name);
    }
  }

  /** The cells engine {@code i} must have traced: both sides of each of its engine splits. */
  private static Set<String> needed(List<EngineSplits.Pair> pairs, int i) {
    Set<String> names = new LinkedHashSet<>();
    for (EngineSplits.Pair pair : pairs) {
      if (i == 0 || pair.engine() == i) {
        names.add(pair.config());
      }
    }
    return names;
  }
}
