package io.splitcheck.suite;

import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.BuildxExporter;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineFacts;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.engine.GitCommitTime;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.matrix.EngineAxis;
import io.splitcheck.matrix.JobsChoice;
import io.splitcheck.matrix.MatrixCheck;
import io.splitcheck.matrix.MatrixJson;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixRequest;
import io.splitcheck.matrix.StartCache;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.matrix.TracerChoice;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.TerminalText;
import io.splitcheck.scenario.Checks;
import io.splitcheck.twice.ExportedTwice;
import io.splitcheck.twice.Twice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real implementations of the scenario checks: builds on the first engine, matrices over all.
 */
public final class Suites {
  private Suites() {}

  /**
   * The security matrix ({@code splitcheck matrix}) over the built image, its cells spread
   * round-robin over {@code engines} (the first built the image; the others get a copy for the time
   * of the matrix, see {@link ImageCopies}). Each call labels what it creates with its own run id
   * ({@code <suite run>-matrix-<n>}) and removes it when done, so the suite's own objects are never
   * touched. Every cell records the engine that ran it.
   */
  public static ScenarioChecks.Matrix matrix(List<ConnectedEngine> engines, String runId) {
    List<ContainerEngine> containers =
        engines.stream().map(e -> (ContainerEngine) e.containers()).toList();
    List<EngineInfo> infos = engines.stream().map(ConnectedEngine::info).toList();
    List<ImageCopies.Target> others =
        engines.stream().skip(1).map(e -> new ImageCopies.Target(e.host(), e.images())).toList();
    ImageStore source = engines.get(0).images();
    AtomicInteger sequence = new AtomicInteger();
    AtomicReference<ScenarioEngines> kinds = new AtomicReference<>();
    return (s, image, id) -> {
      Checks.Matrix m = s.checks().matrix();
      Map<String, Path> profiles = new LinkedHashMap<>();
      m.profiles().forEach((name, file) -> profiles.put(name, s.dir().resolve(file)));
      // a manifest of checks.matrix.pods is a cell, as matrix --pod makes it
      List<String> pods = m.pods().stream().map(p -> s.dir().resolve(p).toString()).toList();
      MatrixRequest request =
          MatrixRequest.builder(image)
              .configs(m.configs())
              .profiles(profiles)
              .derives(m.derive())
              .baseline(m.baseline())
              .trace(m.trace() == null ? TraceMode.AUTO : TraceMode.parse(m.trace()))
              .timeout(MatrixOptions.timeout(m.timeout()))
              .jobs(
                  JobsChoice.choose(infos, StartCache.standard().fastestStarts(containers, infos))
                      .jobs())
              .command(m.cmd())
              .pods(pods)
              .tracer(
                  TracerChoice
                      .AUTO) // eBPF when it can run here (one engine on this host), as matrix
              // --tracer auto
              .build();
      MatrixCheck.Prepared prepared = MatrixCheck.prepare(request);
      String matrixRun = id + "-matrix-" + sequence.incrementAndGet();
      if (!s.engines().isEmpty()) {
        // engines: the matrix on each named engine, an engine split where their outcomes differ
        kinds.compareAndSet(null, kindsOf(engines));
        return onEngines(
            engines,
            kinds.get().select(s),
            prepared,
            ScenarioExecutor.tag(id, s),
            image,
            matrixRun);
      }
      ImageCopies copies = ImageCopies.spread(source, others, ScenarioExecutor.tag(id, s), image);
      MatrixReport report;
      try {
        report = MatrixCheck.run(containers, infos, prepared, matrixRun, w -> {});
      } finally {
        closeCopies(copies);
      }
      return MatrixJson.result(report);
    };
  }

  /**
   * The kind of each engine ({@code docker-20.10}, {@code docker-26}, {@code podman}) from its
   * facts.
   */
  static ScenarioEngines kindsOf(List<ConnectedEngine> engines) throws EngineException {
    List<String> kinds = new ArrayList<>();
    for (ConnectedEngine e : engines) {
      kinds.add(e.facts().kind());
    }
    return new ScenarioEngines(kinds, engines.stream().map(ConnectedEngine::host).toList());
  }

  /**
   * The matrix on the engines {@code chosen} (indexes into {@code engines}, whose first built the
   * image), as {@code matrix --on}: each gets a copy of the image for the time of the matrix.
   */
  private static MatrixResult onEngines(
      List<ConnectedEngine> engines,
      List<Integer> chosen,
      MatrixCheck.Prepared prepared,
      String tag,
      String image,
      String runId)
      throws EngineException {
    List<EngineAxis.Target> targets = new ArrayList<>();
    List<ImageCopies.Target> copyTo = new ArrayList<>();
    for (int i : chosen) {
      ConnectedEngine e = engines.get(i);
      EngineFacts facts = e.facts();
      targets.add(
          new EngineAxis.Target(
              facts.kind(),
              e.containers(),
              e.info(),
              facts,
              EngineAxis.defaultProfile(facts.kind(), facts, w -> {}).orElse(null)));
      if (i != 0) {
        copyTo.add(new ImageCopies.Target(e.host(), e.images()));
      }
    }
    ImageCopies copies = ImageCopies.spread(engines.get(0).images(), copyTo, tag, image);
    try {
      return EngineAxis.run(targets, prepared, runId, w -> {}).result();
    } finally {
      closeCopies(copies);
    }
  }

  private static void closeCopies(ImageCopies copies) {
    try {
      copies.close();
    } catch (EngineException e) {
      System.err.println(TerminalText.line("splitcheck: " + e.getMessage()));
    }
  }

  /** A matrix report as the report model carries it. */
  public static MatrixResult matrixResult(MatrixReport report) {
    return MatrixJson.result(report);
  }

  /** The audit over the scenario's image, its Dockerfile, context and build log. */
  public static ScenarioChecks.Audit audit(String dockerHost, ImageStore images) {
    return (s, image, log, runId) -> {
      Checks.Audit a = s.checks().audit();
      List<String> secretIds = new ArrayList<>();
      s.build().secrets().forEach(secret -> secretIds.add(secret.id()));
      secretIds.addAll(a.secretIds());
      AuditConfig config = AuditConfig.DEFAULT.enabling(a.enable()).disabling(a.disable());
      String cacheCheck =
          a.cacheCheck() == null
              ? null
              : a.cacheCheck().arg() + "=" + String.join(",", a.cacheCheck().values());
      ImageAudit audit =
          new ImageAudit(
              image,
              s.dockerfile(),
              s.context(),
              log == null ? List.of() : List.of(log),
              secretIds,
              config,
              a.entrypointOnly(),
              cacheCheck);
      AuditReport report =
          audit.run(images, new BuildLogRunner(BuildLogRunner.DEFAULT_CLIENT, dockerHost), runId);
      return new AuditResult(report.findings());
    };
  }

  /**
   * {@code twice} of a scenario. On Docker 26+ with a buildx at hand ({@link BuildxExporter#find})
   * both builds are exported with rewrite-timestamp=true under the context's latest git commit time
   * and the tarballs compared ({@link ExportedTwice}); elsewhere the two images in the engine's
   * store are.
   *
   * @param dockerHost the engine the builds run on
   * @param work where the exported tarballs are written, one folder per scenario
   */
  public static ScenarioChecks.Twice twice(
      ImageBuilder builder, ImageStore images, String engineVersion, String dockerHost, Path work) {
    Optional<Path> buildx =
        ExportedTwice.supports(engineVersion) ? BuildxExporter.find(null) : Optional.empty();
    if (buildx.isPresent()) {
      BuildxExporter exporter = new BuildxExporter(buildx.get(), dockerHost);
      return (scenario, runId) -> {
        String label = ScenarioBuild.tagSafe(scenario.name());
        var request = ScenarioBuild.request(scenario, Twice.tag(runId, label), true);
        Path dir = Files.createDirectories(work.resolve("twice-" + label));
        OptionalLong epoch = GitCommitTime.latest(scenario.context());
        return new ExportedTwice(exporter, dir)
            .run(
                request,
                epoch,
                epoch.isPresent()
                    ? ExportedTwice.EpochSource.GIT_COMMIT
                    : ExportedTwice.EpochSource.NONE);
      };
    }
    return twice(builder, images, engineVersion);
  }

  public static ScenarioChecks.Twice twice(
      ImageBuilder builder, ImageStore images, String engineVersion) {
    Twice twice = new Twice(builder, images, engineVersion);
    return (scenario, runId) -> {
      String label = ScenarioBuild.tagSafe(scenario.name());
      var request = ScenarioBuild.request(scenario, Twice.tag(runId, label), true);
      return twice.run(request, runId, label, false);
    };
  }
}
