package io.splitcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.NamedEngine;
import io.splitcheck.testing.RequiresEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} honours a scenario's {@code engines:}: the matrix runs on each named engine (the
 * image built on the shared Docker 20.10 and copied to Podman), the report carries the cells x
 * engines grid; a kind no --engine is is refused before anything is built.
 */
@RequiresEngine
class ScenarioEnginesIT {
  private static final String FIRST = DockerClients.hostOf(null);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path scenario(String engines) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("scenarios").resolve("on-engines"));
    try (InputStream in = getClass().getResourceAsStream("/fixtures/matrix/probe/probe.c")) {
      Files.copy(in, dir.resolve("probe.c"));
    }
    String compiler = Files.isExecutable(Path.of("/usr/bin/musl-gcc")) ? "musl-gcc" : "gcc";
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM scratch\nCOPY probe /probe\nENTRYPOINT [\"/probe\"]\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("scenario.yaml"),
        """
        name: on-engines
        engines: %s
        build:
          prebuild: [%s, -static, -O2, -o, probe, probe.c]
        checks:
          matrix:
            configs: [unconfined, read-only]
            cmd: [write]
            timeout: 30s
        expect:
          splits: [{config: read-only}]
        """
            .formatted(engines, compiler),
        StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void aScenarioNamingDocker2010AndPodman_runsItsMatrixOnBoth_withTheGrid() throws Exception {
    String podman = NamedEngine.PODMAN.host();
    Path dir = scenario("[docker-20.10, podman]");
    Path out = tmp.resolve("report");
    Cli.Result r =
        Cli.run(
            "run",
            dir.toString(),
            "--report",
            out.toString(),
            "--quiet",
            "--engine",
            FIRST,
            "--engine",
            podman);
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode grid =
        JSON.readTree(out.resolve("report.json").toFile()).at("/scenarios/0/matrix/engineGrid");
    List<String> names = new ArrayList<>();
    grid.path("engines")
        .forEach(e -> names.add(e.path("name").asText() + "@" + e.path("host").asText()));
    assertEquals(List.of("docker-20.10@" + FIRST, "podman@" + podman), names, grid.toString());
    List<String> rows = new ArrayList<>();
    grid.path("cells")
        .forEach(c -> rows.add(c.path("config").asText() + ":" + c.path("entries").size()));
    assertEquals(List.of("unconfined:2", "read-only:2"), rows, grid.toString());
    assertEquals(
        0, grid.path("splits").size(), "the probe's write fails read-only on both: " + grid);
  }

  @Test
  void aKindNoEngineIs_isRefusedBeforeAnyBuild_namingScenarioKindAndWhatIsConfigured()
      throws Exception {
    Path dir = scenario("[docker-26]");
    Cli.Result r =
        Cli.run(
            "run",
            dir.toString(),
            "--report",
            tmp.resolve("none").toString(),
            "--quiet",
            "--engine",
            FIRST);
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.err()
            .contains(
                "scenario 'on-engines' ("
                    + dir.resolve("scenario.yaml")
                    + "): engines: names "
                    + "docker-26, but no configured engine is docker-26 (configured: docker-20.10 at "
                    + FIRST
                    + ")"),
        r.err());
    assertTrue(!Files.exists(dir.resolve("probe")), "nothing was built");
  }
}
