package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.cli.Main;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.testing.SecondEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code matrix --engine A --engine B} against a second dockerd ({@link SecondEngine}, shared with
 * the other tests that need one).
 */
@RequiresEngine
@SecondEngine.Needed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiEngineIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final String FIRST = DockerClients.hostOf(null);
  private static final ObjectMapper JSON = new ObjectMapper();
  private String second;
  private SecondEngine engine;
  private ProbeImages.Probe probe;

  @TempDir Path tmp;

  @BeforeAll
  void loadProbe(SecondEngine secondEngine) throws Exception {
    engine = secondEngine;
    second = secondEngine.host();
    probe = ProbeImages.build("probe", "multi-engine-it-" + PID);
    secondEngine.load(probe.tag());
  }

  @AfterAll
  void removeProbe() throws Exception {
    if (probe != null) {
      // the engine outlives this class: its images go; the second tag exists only if that test ran
      engine.docker("rmi -f " + probe.tag() + " splitcheck-test/only-second:" + PID + " || true");
      probe.close();
    }
  }

  private JsonNode matrix(String... engineArgs) throws Exception {
    Path json = tmp.resolve("m-" + System.nanoTime() + ".json");
    List<String> argv =
        new ArrayList<>(List.of("matrix", "--json", json.toString(), "--trace", "never"));
    argv.addAll(List.of(engineArgs));
    argv.addAll(List.of(probe.tag(), "--", "write"));
    assertEquals(
        1, Main.commandLine().execute(argv.toArray(String[]::new)), "read-only cells split");
    return JSON.readTree(json.toFile());
  }

  @Test
  void matrix_spreadsCellsRoundRobin_andRecordsEachCellsEngine() throws Exception {
    JsonNode spread = matrix("--engine", FIRST, "--engine", second);
    JsonNode single = matrix("--engine", FIRST);

    JsonNode cells = spread.get("cells");
    assertEquals(6, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      JsonNode engine = cells.get(i).get("engine");
      assertEquals(
          i % 2 == 0 ? FIRST : second, engine.get("host").asText(), cells.get(i).toString());
      assertTrue(engine.get("version").asText().matches("\\d+\\.\\d+.*"), engine.toString());
      assertTrue(engine.get("seccompDefault").asBoolean(), "both engines apply a default profile");
      assertEquals(
          single.get("cells").get(i).get("exitCode"),
          cells.get(i).get("exitCode"),
          "the same verdict on either engine: " + cells.get(i));
    }
    List<String> splits = new ArrayList<>();
    spread.get("splits").forEach(s -> splits.add(s.get("config").asText()));
    assertEquals(List.of("read-only", "restricted"), splits);
  }

  /**
   * {@code --engine tcp://...} with the TLS settings docker-java reads: DOCKER_TLS_VERIFY,
   * DOCKER_CERT_PATH.
   */
  @Test
  void matrix_reachesAnEngineOverTcpWithMutualTls_andRecordsItsUrl() throws Exception {
    Path json = tmp.resolve("tls.json");
    try (ChildCli cli =
        ChildCli.start(
            "256m",
            Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", engine.certPath().toString()),
            List.of(
                "matrix",
                "--json",
                json.toString(),
                "--trace",
                "never",
                "--config",
                "unconfined",
                "--config",
                "read-only",
                "--engine",
                FIRST,
                "--engine",
                engine.tlsHost(),
                probe.tag(),
                "--",
                "write"))) {
      assertEquals(1, cli.waitFor(120), cli.out() + cli.err());
    }
    JsonNode cells = JSON.readTree(json.toFile()).get("cells");
    assertEquals(FIRST, cells.get(0).get("engine").get("host").asText());
    assertEquals(engine.tlsHost(), cells.get(1).get("engine").get("host").asText());
    assertEquals("read-only", cells.get(1).get("config").asText());
    assertTrue(
        cells.get(1).get("exitCode").asInt() != 0,
        "the write failed on the read-only root: " + cells.get(1));
  }

  @Test
  void matrix_refusesAnEngineWithoutTheImage_namingIt() throws Exception {
    engine.docker("tag " + probe.tag() + " splitcheck-test/only-second:" + PID);
    Path json = tmp.resolve("missing.json");
    int exit =
        Main.commandLine()
            .execute(
                "matrix",
                "--json",
                json.toString(),
                "--trace",
                "never",
                "--engine",
                second,
                "--engine",
                FIRST,
                "splitcheck-test/only-second:" + PID,
                "--",
                "write");
    assertEquals(2, exit, "the image exists only on the second engine");
    assertTrue(!Files.exists(json));
  }
}
