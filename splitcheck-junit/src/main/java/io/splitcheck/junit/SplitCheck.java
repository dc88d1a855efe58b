package io.splitcheck.junit;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.matrix.MatrixCheck;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixRequest;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.matrix.TracerChoice;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.suite.Suites;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The fluent entry point for a hand-written test, in the Testcontainers idiom:
 *
 * <pre>{@code
 * SplitCheck.image("app:1.2")
 *     .matrix("unconfined", "runtime-default")
 *     .withProfile("prod", Path.of("src/test/seccomp/prod.json"))
 *     .expectNoSplit();
 * }</pre>
 *
 * Each {@code expect...} runs the matrix once (cached for further expectations on the same object)
 * and throws an {@link AssertionError} carrying the culprit lines when it does not hold. Everything
 * the run creates on the engine is removed when it ends.
 */
public final class SplitCheck {
  private final String image;
  private final List<String> configs = new ArrayList<>();
  private final Map<String, Path> profiles = new LinkedHashMap<>();
  private final Map<String, String> derives = new LinkedHashMap<>();
  private final List<String> command = new ArrayList<>();
  private String baseline;
  private TraceMode trace = TraceMode.AUTO;
  private TracerChoice tracer = TracerChoice.AUTO;
  private Duration timeout = MatrixOptions.DEFAULT_TIMEOUT;
  private MatrixResult result;

  private SplitCheck(String image) {
    this.image = image;
  }

  /** A local image (never pulled). */
  public static SplitCheck image(String image) {
    return new SplitCheck(image);
  }

  /** The cells to run, in order (default: the six built-in cells). */
  public SplitCheck matrix(String... cells) {
    configs.addAll(List.of(cells));
    result = null; // a changed configuration runs again
    return this;
  }

  public SplitCheck withProfile(String cell, Path profileJson) {
    profiles.put(cell, profileJson);
    result = null; // a changed configuration runs again
    return this;
  }

  /**
   * A cell under the engine's default profile changed by {@code expression} ({@code
   * getrandom=EPERM}).
   */
  public SplitCheck withDerivedProfile(String cell, String expression) {
    derives.put(cell, expression);
    result = null; // a changed configuration runs again
    return this;
  }

  public SplitCheck withBaseline(String cell) {
    this.baseline = cell;
    result = null; // a changed configuration runs again
    return this;
  }

  public SplitCheck withCommand(String... argv) {
    command.addAll(List.of(argv));
    result = null; // a changed configuration runs again
    return this;
  }

  public SplitCheck withTimeout(Duration perCell) {
    this.timeout = perCell;
    result = null; // a changed configuration runs again
    return this;
  }

  public SplitCheck withTrace(TraceMode mode) {
    this.trace = mode;
    result = null; // a changed configuration runs again
    return this;
  }

  /**
   * How the cells are traced (default {@code AUTO}: eBPF in the verdict runs when it can run here,
   * as {@code splitcheck matrix --tracer auto}; else strace in a second run).
   */
  public SplitCheck withTracer(TracerChoice choice) {
    this.tracer = choice;
    result = null; // a changed configuration runs again
    return this;
  }

  /** Asserts that no cell's outcome differs from the baseline's. */
  public MatrixResult expectNoSplit() {
    MatrixResult r = run();
    if (!r.splits().isEmpty()) {
      throw new AssertionError(
          image
              + ": expected no split, got "
              + r.splits().size()
              + ":\n"
              + r.splits().stream()
                  .map(s -> FailureText.split(r, s))
                  .collect(Collectors.joining("\n")));
    }
    return r;
  }

  /**
   * Asserts that {@code cell} splits, with {@code culprit} ({@code getrandom/EPERM}) among its
   * culprits when given.
   */
  public MatrixResult expectSplit(String cell, String culprit) {
    MatrixResult r = run();
    MatrixResult.Split split =
        r.split(cell)
            .orElseThrow(
                () ->
                    new AssertionError(
                        image
                            + ": expected a split in "
                            + cell
                            + ", got "
                            + (r.splits().isEmpty()
                                ? "none"
                                : "splits in "
                                    + r.splits().stream()
                                        .map(MatrixResult.Split::config)
                                        .collect(Collectors.joining(", ")))
                            + FailureText.cellLine(r, cell)));
    if (culprit != null && split.culprits().stream().noneMatch(c -> c.key().equals(culprit))) {
      throw new AssertionError(
          image
              + ": expected culprit "
              + culprit
              + " in "
              + cell
              + ", got:\n"
              + FailureText.split(r, split));
    }
    return r;
  }

  /**
   * Runs the matrix once per configuration (a {@code withX(..)} after a run makes the next run()
   * run again) and returns its result. Without an answering engine the test is skipped (aborted)
   * with the reason, as {@link SplitCheckSuite} does; under {@code SPLITCHECK_REQUIRE_ENGINE=1} it
   * fails instead. Warnings (a profile naming a syscall libseccomp does not know) go to the test's
   * stderr.
   */
  public MatrixResult run() {
    if (result != null) {
      return result;
    }
    String noEngine = EngineCheck.whyNoEngine();
    if (noEngine != null) {
      if (EngineCheck.required()) {
        throw new IllegalStateException(noEngine + ", and " + EngineCheck.REQUIRE_ENGINE + "=1");
      }
      Assumptions.abort(noEngine);
    }
    try (ConnectedEngine engine = ConnectedEngine.connect(null)) {
      MatrixCheck.Prepared prepared =
          MatrixCheck.prepare(
              MatrixRequest.builder(image)
                  .configs(configs)
                  .profiles(profiles)
                  .derives(derives)
                  .baseline(baseline)
                  .trace(trace)
                  .timeout(timeout)
                  .command(command)
                  .tracer(tracer)
                  .build());
      MatrixReport report =
          MatrixCheck.run(
              List.of(engine.containers()),
              List.of(engine.info()),
              prepared,
              RunId.next(Clock.systemUTC()),
              w -> System.err.println("splitcheck matrix " + image + ": warning: " + w));
      result = Suites.matrixResult(report);
      return result;
    } catch (EngineException | IOException e) {
      throw new IllegalStateException(
          "splitcheck matrix on " + image + " failed: " + e.getMessage(), e);
    }
  }
}
