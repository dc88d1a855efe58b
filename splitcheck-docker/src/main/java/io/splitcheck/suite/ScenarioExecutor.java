package io.splitcheck.suite;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.HostCommand;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.expect.ExpectationEvaluator;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.ScenarioReport;
import io.splitcheck.report.TerminalText;
import io.splitcheck.scenario.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario, start to end: prebuild on the host, re-point a drifting base tag, build the image
 * once, resolve its {@code FROM} digests, run the enabled checks over it, compare with the
 * expectations, and remove the image. A failing step becomes an outcome; only a bug escapes as an
 * exception.
 */
public final class ScenarioExecutor {
  /** The repository run images are tagged under ({@code gc} knows it). */
  public static final String TAG_REPOSITORY = "splitcheck-run";

  static final Duration PREBUILD_TIMEOUT = Duration.ofMinutes(5);

  private final ImageBuilder builder;
  private final ImageStore images;
  private final ScenarioChecks.Twice twice;
  private final ScenarioChecks.Matrix matrix;
  private final ScenarioChecks.Audit audit;
  private final ExpectationEvaluator evaluator = new ExpectationEvaluator();

  public ScenarioExecutor(
      ImageBuilder builder,
      ImageStore images,
      ScenarioChecks.Twice twice,
      ScenarioChecks.Matrix matrix,
      ScenarioChecks.Audit audit) {
    this.builder = builder;
    this.images = images;
    this.twice = twice;
    this.matrix = matrix;
    this.audit = audit;
  }

  /**
   * The tag a scenario's image carries for the time of its checks, on every engine that holds it.
   */
  static String tag(String runId, Scenario s) {
    return TAG_REPOSITORY + "/" + runId + ":" + ScenarioBuild.tagSafe(s.name());
  }

  public ScenarioReport execute(Scenario s, String runId) {
    String tag = tag(runId, s);
    BuildResult built = null;
    long start = System.nanoTime();
    try {
      prepare(s, runId);
      built = builder.build(ScenarioBuild.request(s, tag, false));
    } catch (EngineException | RuntimeException e) {
      return new ScenarioReport(
          s.name(),
          s.dir().toString(),
          null,
          List.of(),
          null,
          null,
          null,
          evaluator.buildFailed(s, e.getMessage()));
    }
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    try {
      return checks(s, runId, built, buildMillis);
    } finally {
      removeQuietly(tag);
    }
  }

  private void prepare(Scenario s, String runId) throws EngineException {
    if (!s.build().prebuild().isEmpty()) {
      HostCommand.run(s.build().prebuild(), s.dir(), PREBUILD_TIMEOUT);
    }
    if (s.baseDrift() != null) {
      new BaseDriftStep(builder, images).repoint(s, runId);
    }
  }

  private ScenarioReport checks(Scenario s, String runId, BuildResult built, long buildMillis) {
    List<CheckOutcome> errors = new ArrayList<>();
    List<ScenarioReport.BaseImage> bases = List.of();
    try {
      bases = BaseImages.resolve(s.dockerfile(), images);
    } catch (EngineException | RuntimeException e) {
      errors.add(
          ExpectationEvaluator.error("build", "resolving FROM images failed: " + e.getMessage()));
    }
    Timed<TwiceResult> t =
        s.checks().twice() == null
            ? Timed.none()
            : Timed.of("twice", errors, () -> twice.run(s, runId));
    Timed<MatrixResult> m =
        s.checks().matrix() == null
            ? Timed.none()
            : Timed.of("matrix", errors, () -> matrix.run(s, built.imageId(), runId));
    Timed<AuditResult> a =
        s.checks().audit() == null
            ? Timed.none()
            : Timed.of("audit", errors, () -> audit.run(s, built.imageId(), built.log(), runId));
    List<CheckOutcome> outcomes = new ArrayList<>();
    outcomes.add(
        new CheckOutcome(
            "build",
            CheckOutcome.Status.PASSED,
            "the image builds",
            built.imageId(),
            "",
            buildMillis));
    for (CheckOutcome o : evaluator.evaluate(s, t.value(), m.value(), a.value())) {
      CheckOutcome error =
          errors.stream().filter(e -> e.check().equals(o.check())).findFirst().orElse(null);
      CheckOutcome chosen = error != null ? error : o;
      outcomes.add(
          chosen.withMillis(
              switch (o.check()) {
                case "twice" -> t.millis();
                case "matrix" -> m.millis();
                default -> a.millis();
              }));
    }
    errors.stream().filter(e -> e.check().equals("build")).forEach(outcomes::add);
    return new ScenarioReport(
        s.name(),
        s.dir().toString(),
        built.imageId(),
        bases,
        t.value(),
        m.value(),
        a.value(),
        outcomes);
  }

  private void removeQuietly(String tag) {
    try {
      images.remove(tag);
    } catch (EngineException e) {
      System.err.println(
          TerminalText.line(
              "splitcheck: could not remove "
                  + tag
                  + ": "
                  + e.getMessage()
                  + " (splitcheck gc will)"));
    }
  }

  /** A check's result (or null when it failed, with the error recorded) and how long it took. */
  record Timed<T>(T value, long millis) {
    interface Body<T> {
      T get() throws Exception;
    }

    static <T> Timed<T> none() {
      return new Timed<>(null, 0);
    }

    static <T> Timed<T> of(String check, List<CheckOutcome> errors, Body<T> body) {
      long start = System.nanoTime();
      try {
        return new Timed<>(body.get(), (System.nanoTime() - start) / 1_000_000);
      } catch (Exception e) {
        errors.add(
            ExpectationEvaluator.error(
                check, e.getClass().getSimpleName() + ": " + e.getMessage()));
        return new Timed<>(null, (System.nanoTime() - start) / 1_000_000);
      }
    }
  }
}
