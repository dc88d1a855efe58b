package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.EngineFacts;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.engine.FakeEngine;
import io.splitcheck.report.EngineGrid;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How an engine split is paired and reported, on two in-memory engines: the same cell, a different
 * outcome on the second engine, nothing traced.
 */
class EngineAxisTest {
  private static final String IMAGE = "probe:1";
  private static final String RUN = "20261202-000000-axis";

  private static EngineAxis.Target target(String name, FakeEngine engine, String version) {
    return new EngineAxis.Target(
        name,
        engine,
        new EngineInfo("unix:///" + name + ".sock", version, null, 2),
        new EngineFacts(
            name.startsWith("podman") ? "podman" : "docker-20.10", version, "runc 1.1.5"),
        null);
  }

  @Test
  void aCellWhoseOutcomeDiffersOnTheSecondEngine_isAnEngineSplit_pairedWithTheReferencesCell()
      throws Exception {
    // podman answers an unknown syscall with ENOSYS, the program falls back: exit 0 there, 1 on
    // docker under
    // runtime-default; unconfined agrees on both
    FakeEngine docker =
        FakeEngine.withImage(
            IMAGE,
            FakeEngine.bySecurity(
                s ->
                    s.seccomp() == ContainerSecurity.Seccomp.UNCONFINED
                        ? FakeEngine.exit(0, "")
                        : FakeEngine.exit(1, "probe: EPERM\n")));
    FakeEngine podman = FakeEngine.withImage(IMAGE, s -> FakeEngine.exit(0, ""));
    MatrixCheck.Prepared p =
        MatrixCheck.prepare(
            MatrixRequest.builder(IMAGE)
                .configs(List.of("unconfined", "runtime-default"))
                .trace(TraceMode.NEVER)
                .timeout(Duration.ofSeconds(5))
                .jobs(2)
                .build());

    EngineAxis.Result r =
        EngineAxis.run(
            List.of(target("docker-20.10", docker, "20.10.24"), target("podman", podman, "4.3.1")),
            p,
            RUN,
            w -> {});

    EngineGrid grid = r.grid();
    assertEquals("docker-20.10", grid.reference());
    assertEquals(
        List.of("unconfined", "runtime-default"),
        grid.cells().stream().map(EngineGrid.Row::config).toList());
    assertEquals(1, grid.splits().size(), grid.splits().toString());
    EngineGrid.EngineSplit split = grid.split("runtime-default", "podman").orElseThrow();
    assertEquals("docker-20.10", split.reference());
    assertEquals("exit 1", split.referenceOutcome());
    assertEquals("exit 0", split.outcome());
    assertTrue(grid.split("unconfined", "podman").isEmpty(), "agreeing cells are no engine split");
    assertEquals(
        List.of("runtime-default"),
        r.reference().splits().stream().map(SplitExplanation::config).toList(),
        "the reference engine's own split stays its own");
    assertTrue(r.reports().get(1).splits().isEmpty());
    assertEquals(1, r.exitCode());
    assertEquals(List.of(RUN), docker.removedRuns());
    assertEquals(List.of(RUN), podman.removedRuns());
    assertEquals(grid, r.result().engineGrid());
  }
}
