package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.FakeEngine;
import io.splitcheck.engine.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The matrix's logic above the engine port, on the in-memory {@link FakeEngine}: no container runs.
 */
class MatrixCheckTest {
  private static final String IMAGE = "probe:1";
  private static final String RUN = "20261202-000000-test";

  private static MatrixCheck.Prepared prepare(List<String> cells) throws Exception {
    return MatrixCheck.prepare(
        MatrixRequest.builder(IMAGE)
            .configs(cells)
            .trace(TraceMode.NEVER)
            .timeout(Duration.ofSeconds(5))
            .jobs(2)
            .build());
  }

  @Test
  void run_reportsEachCellInPlanOrder_andASplitWhereTheOutcomeDiffers() throws Exception {
    FakeEngine engine =
        FakeEngine.withImage(
            IMAGE,
            FakeEngine.bySecurity(
                s ->
                    s.readOnlyRoot()
                        ? FakeEngine.exit(1, "touch: cannot touch '/x': Read-only file system\n")
                        : FakeEngine.exit(0, "")));
    List<String> warnings = new ArrayList<>();

    MatrixReport report =
        MatrixCheck.run(
            engine,
            prepare(List.of("unconfined", "read-only", "cap-drop-all")),
            RUN,
            warnings::add);

    assertEquals(
        List.of("unconfined", "read-only", "cap-drop-all"),
        report.run().cells().stream().map(CellResult::config).toList());
    assertEquals(
        List.of(0, 1, 0), report.run().cells().stream().map(c -> c.outcome().exitCode()).toList());
    assertEquals(
        List.of("read-only"), report.splits().stream().map(SplitExplanation::config).toList());
    assertEquals(1, report.exitCode());
    assertTrue(
        report.splits().get(0).note() != null, "an untraced split says why it has no culprit");
  }

  @Test
  void run_labelsEveryContainerWithItsRun_andRemovesTheRunAtTheEnd() throws Exception {
    FakeEngine engine = FakeEngine.withImage(IMAGE, s -> FakeEngine.exit(0, ""));

    MatrixCheck.run(engine, prepare(List.of("unconfined", "no-network")), RUN, w -> {});

    assertEquals(2, engine.ran().size());
    assertTrue(
        engine.ran().stream().allMatch(spec -> RUN.equals(spec.labels().get(Labels.RUN))),
        engine.ran().toString());
    assertTrue(engine.removedRuns().contains(RUN), engine.removedRuns().toString());
  }

  @Test
  void run_refusesAnImageTheEngineDoesNotHave_withoutRunningAnything() throws Exception {
    FakeEngine engine = FakeEngine.withImage("other:1", s -> FakeEngine.exit(0, ""));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MatrixCheck.run(engine, prepare(List.of("unconfined")), RUN, w -> {}));

    assertEquals("image 'probe:1': no such image locally (splitcheck never pulls)", e.getMessage());
    assertEquals(List.of(), engine.ran());
  }

  @Test
  void run_endsWithExitTwo_whenTheEngineGoesAwayDuringACell() throws Exception {
    FakeEngine[] holder = new FakeEngine[1];
    holder[0] =
        FakeEngine.withImage(
            IMAGE,
            spec -> {
              if (spec.security().readOnlyRoot()) {
                holder[0].goAway();
                throw new EngineException("POST /containers/create failed: Connection refused");
              }
              return FakeEngine.exit(0, "");
            });

    MatrixReport report =
        MatrixCheck.run(holder[0], prepare(List.of("unconfined", "read-only")), RUN, w -> {});

    assertEquals(2, report.exitCode());
    CellResult lost = report.run().cells().get(1);
    assertTrue(lost.engineLost(), lost.toString());
    assertTrue(lost.startError().contains("Connection refused"), lost.startError());
  }

  @Test
  void run_rethrowsAnEngineError_whenTheEngineStillAnswers() {
    FakeEngine engine =
        FakeEngine.withImage(
            IMAGE,
            spec -> {
              throw new EngineException("POST /containers/create failed: 400 invalid mount");
            });

    EngineException e =
        assertThrows(
            EngineException.class,
            () -> MatrixCheck.run(engine, prepare(List.of("unconfined")), RUN, w -> {}));
    assertEquals("POST /containers/create failed: 400 invalid mount", e.getMessage());
  }
}
