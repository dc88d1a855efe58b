package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.tracer.CellTracers;
import io.splitcheck.tracer.EbpfTracer;
import io.splitcheck.tracer.TraceCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The security matrix as one call, for {@code splitcheck matrix} and the scenario suite: expands
 * the cells, runs them, traces, attributes, and removes everything it created (labelled with {@code
 * runId}, which must be this check's own).
 */
public final class MatrixCheck {
  private MatrixCheck() {}

  /**
   * Checks the request before the engine is contacted: cells (with {@code --user}/{@code --limit}/
   * {@code --tmpfs} applied to every cell but the baseline, and a cell per {@code --pod}),
   * baseline, options.
   */
  public static Prepared prepare(MatrixRequest r) throws IOException {
    CustomCells cells = CustomCells.load(r.profiles(), r.derives(), r.defaultProfile());
    if (!r.pods().isEmpty()) {
      List<Cell> all = new ArrayList<>(cells.cells());
      List<String> warnings = new ArrayList<>(cells.warnings());
      for (String pod : r.pods()) {
        PodCells p = PodCells.load(pod, r.image());
        all.add(p.cell());
        warnings.addAll(p.warnings());
      }
      cells = new CustomCells(all, cells.parsed(), cells.engineDefault(), warnings);
    }
    MatrixPlan plan =
        r.overrides()
            .apply(
                MatrixPlan.expand(r.configs(), cells.cells(), Optional.ofNullable(r.baseline())));
    MatrixOptions options =
        new MatrixOptions(
            r.image(),
            plan,
            r.trace(),
            r.timeout(),
            r.jobs(),
            r.command(),
            MatrixOptions.DEFAULT_OUTPUT_CAP,
            r.tracer());
    return new Prepared(cells, options);
  }

  /** A checked request. */
  public record Prepared(CustomCells cells, MatrixOptions options) {
    public Prepared withJobs(int jobs) {
      return new Prepared(cells, options.withJobs(jobs));
    }

    /**
     * The same cells on {@code image}: the image built, or tagged for the run, after the checks.
     */
    public Prepared withImage(String image) {
      MatrixOptions o = options;
      return new Prepared(
          cells,
          new MatrixOptions(
              image,
              o.plan(),
              o.trace(),
              o.timeout(),
              o.jobs(),
              o.command(),
              o.outputCap(),
              o.tracer()));
    }
  }

  /**
   * Runs a prepared matrix on one engine; warnings go to {@code warn} as soon as they are known.
   */
  public static MatrixReport run(
      ContainerEngine engine, Prepared p, String runId, Consumer<String> warn)
      throws EngineException {
    return run(List.of(engine), List.of(), p, runId, warn);
  }

  /**
   * Runs a prepared matrix with its cells spread round-robin over {@code engines}, each holding the
   * image; {@code infos} (empty, or one per engine) are recorded on the cells each engine runs.
   */
  public static MatrixReport run(
      List<ContainerEngine> engines,
      List<EngineInfo> infos,
      Prepared p,
      String runId,
      Consumer<String> warn)
      throws EngineException {
    MatrixOptions o = p.options();
    boolean useEbpf = ebpf(o, engines, infos, warn);
    if (useEbpf) {
      CellTracers.prestart(); // bpftrace attaches while the image and cells are prepared
    }
    ImageConfig image = MatrixRunner.requireImage(engines.get(0), o.image());
    List<String> warnings = new ArrayList<>(p.cells().warnings());
    warnings.addAll(p.cells().lint(image.architecture()));
    infos.stream()
        .filter(Objects::nonNull)
        .map(EngineInfo::version)
        .distinct()
        .forEach(v -> warnings.addAll(p.cells().engineWarnings(v)));
    warnings.forEach(warn);
    // attributed as the engine applies each profile, when every engine reports the same version
    List<String> versions =
        infos.stream().filter(Objects::nonNull).map(EngineInfo::version).distinct().toList();
    TraceAttributor attributor =
        new TraceAttributor(
                Restrictions.forPlan(
                    o.plan(),
                    p.cells().engineDefault(),
                    versions.size() == 1 ? versions.get(0) : null),
                image.architecture())
            .withKubeCauses(KubeCauses.of(engines.get(0), image, o.image(), runId));
    List<RunScope> scopes = new ArrayList<>();
    MatrixReport report;
    try {
      // the tracer bundle (ldd, packing) only when something may be traced
      TracerBundle bundle = o.trace() == TraceMode.NEVER ? null : TracerBundle.fromHost();
      List<EngineSlot> slots = new ArrayList<>();
      for (int i = 0; i < engines.size(); i++) {
        ContainerEngine engine = engines.get(i);
        scopes.add(new RunScope(engine, runId));
        slots.add(
            new EngineSlot(
                engine,
                infos.isEmpty() ? null : infos.get(i),
                bundle == null ? null : new TraceCollector(engine, bundle, runId)));
      }
      MatrixRun run = new MatrixRunner(slots, runId, attributor).withEbpf(useEbpf).run(o, image);
      StartCache.standard().record(engines, infos); // what the next run's --jobs is chosen from
      report = MatrixAnalysis.analyze(run, o.plan(), attributor, warnings);
    } catch (EngineException | RuntimeException e) {
      closeQuietly(scopes, e);
      throw e;
    }
    try {
      closeAll(scopes);
    } catch (EngineException | RuntimeException e) {
      if (!report.engineLost()) {
        throw e;
      }
      String w =
          "the run's objects could not be removed (the engine went away): run `splitcheck gc` "
              + "once it is back";
      warn.accept(w);
      warnings.add(w);
      report = MatrixAnalysis.analyze(report.run(), o.plan(), attributor, warnings);
    }
    return report;
  }

  /**
   * Whether the eBPF tracer traces this run: asked for ({@code ebpf}, an error when it cannot run)
   * or {@code auto} with one engine on this host (a unix socket) and the tracer able to run; null
   * for ptrace.
   */
  static boolean ebpf(
      MatrixOptions o,
      List<ContainerEngine> engines,
      List<EngineInfo> infos,
      Consumer<String> warn) {
    if (o.trace() == TraceMode.NEVER || o.tracer() == TracerChoice.PTRACE) {
      return false;
    }
    Optional<String> why =
        engines.size() != 1
            ? Optional.of("cells run on " + engines.size() + " engines")
            : infos.stream()
                .filter(i -> i.host() != null && !i.host().startsWith("unix:"))
                .findFirst()
                .map(i -> "the engine " + i.host() + " is not on this host")
                .or(EbpfTracer::unavailable);
    if (why.isPresent() && o.tracer() == TracerChoice.EBPF) {
      throw new IllegalArgumentException("--tracer ebpf: " + why.get());
    }
    return why.isEmpty();
  }

  static void closeQuietly(List<RunScope> scopes, Exception failure) {
    try {
      closeAll(scopes);
    } catch (EngineException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  static void closeAll(List<RunScope> scopes) throws EngineException {
    EngineException first = null;
    for (RunScope scope : scopes) {
      try {
        scope.close();
      } catch (EngineException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
