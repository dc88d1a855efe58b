package io.splitcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.scenario.Scenario;
import io.splitcheck.scenario.ScenarioParser;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioEnginesTest {
  private static final ScenarioEngines RUN =
      new ScenarioEngines(
          List.of("docker-20.10", "podman"),
          List.of("unix:///var/run/docker.sock", "unix:///run/splitcheck/podman.sock"));

  private static Scenario scenario(String engines) {
    return new ScenarioParser()
        .parse(
            new StringReader("name: crun-enosys\nengines: " + engines + "\n"),
            "scenarios/crun-enosys/scenario.yaml",
            Path.of("scenarios/crun-enosys"))
        .get(0);
  }

  @Test
  void namedKinds_areTheRunsEnginesOfThatKind_inTheScenariosOrder() {
    assertEquals(List.of(1, 0), RUN.select(scenario("[podman, docker-20.10]")));
    assertEquals(List.of(), RUN.select(scenario("[]")));
  }

  @Test
  void aKindNoEngineIs_isAnErrorNamingTheScenarioTheKindAndWhatIsConfigured() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RUN.select(scenario("[docker-20.10, docker-26]")));
    assertEquals(
        "scenario 'crun-enosys' (scenarios/crun-enosys/scenario.yaml): engines: names docker-26, but no "
            + "configured engine is docker-26 (configured: docker-20.10 at unix:///var/run/docker.sock, podman at "
            + "unix:///run/splitcheck/podman.sock); start one (scripts/engine --kind docker-26) and give its socket "
            + "with --engine",
        e.getMessage());
  }
}
