package io.splitcheck.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.cli.Main;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.RequiresEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code matrix --engine A --engine B} against a second dockerd this test starts and stops. The second
 * engine gets a bridge of its own: started with {@code --bridge none}, dockerd deletes the host's
 * {@code docker0}, which the first engine's containers need.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiEngineIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final Path ROOT = Path.of("/tmp/sc-e2-" + PID);
  private static final String BRIDGE = "sce2" + (ProcessHandle.current().pid() % 100000);
  private static final String SECOND = "unix://" + ROOT.resolve("d.sock");
  private static final String FIRST = DockerClients.hostOf(null);
  private static final ObjectMapper JSON = new ObjectMapper();
  private ProbeImages.Probe probe;
  private Process dockerd;

  @TempDir
  Path tmp;

  @BeforeAll
  void startSecondEngine() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")), "no dockerd to start");
    assumeTrue("root".equals(System.getProperty("user.name")), "starting dockerd needs root");
    probe = ProbeImages.build("probe", "multi-engine-it-" + PID);
    Files.createDirectories(ROOT);
    sh("ip link add " + BRIDGE + " type bridge && ip addr add 172.31.250.1/24 dev " + BRIDGE
        + " && ip link set " + BRIDGE + " up");
    dockerd = new ProcessBuilder("/usr/sbin/dockerd", "--host", SECOND,
        "--data-root", ROOT.resolve("data").toString(), "--exec-root", ROOT.resolve("exec").toString(),
        "--pidfile", ROOT.resolve("pid").toString(), "--bridge", BRIDGE, "--iptables=false",
        "--ip-masq=false", "--storage-driver", "vfs")
        .redirectErrorStream(true).redirectOutput(ROOT.resolve("dockerd.log").toFile()).start();
    awaitAnswer();
    sh("/usr/bin/docker save " + probe.tag() + " | /usr/bin/docker -H " + SECOND + " load");
  }

  private void awaitAnswer() throws Exception {
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            assertTrue(dockerd.isAlive(), "second dockerd exited: " + log());
            try (DockerClient c = DockerClients.forHost(SECOND)) {
              return DockerClients.answers(c);
            }
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("second dockerd did not answer within 60 s: " + log(), e);
    }
  }

  private static String log() throws IOException {
    return Files.readString(ROOT.resolve("dockerd.log"), StandardCharsets.UTF_8);
  }

  @AfterAll
  void stopSecondEngine() throws Exception {
    if (dockerd != null) {
      dockerd.destroy(); // SIGTERM to the one dockerd this test started
      if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
        dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      sh("ip link delete " + BRIDGE + " || true");
      sh("rm -rf " + ROOT);
    }
    if (probe != null) {
      probe.close();
    }
  }

  private static void sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(command + " failed: " + out);
    }
  }

  private JsonNode matrix(String... engineArgs) throws Exception {
    Path json = tmp.resolve("m-" + System.nanoTime() + ".json");
    List<String> argv = new ArrayList<>(List.of("matrix", "--json", json.toString(), "--trace", "never"));
    argv.addAll(List.of(engineArgs));
    argv.addAll(List.of(probe.tag(), "--", "write"));
    assertEquals(1, Main.commandLine().execute(argv.toArray(String[]::new)), "read-only cells split");
    return JSON.readTree(json.toFile());
  }

  @Test
  void matrix_spreadsCellsRoundRobin_andRecordsEachCellsEngine() throws Exception {
    JsonNode spread = matrix("--engine", FIRST, "--engine", SECOND);
    JsonNode single = matrix("--engine", FIRST);

    JsonNode cells = spread.get("cells");
    assertEquals(6, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      JsonNode engine = cells.get(i).get("engine");
      assertEquals(i % 2 == 0 ? FIRST : SECOND, engine.get("host").asText(), cells.get(i).toString());
      assertTrue(engine.get("version").asText().matches("\\d+\\.\\d+.*"), engine.toString());
      assertTrue(engine.get("seccompDefault").asBoolean(), "both engines apply a default profile");
      assertEquals(single.get("cells").get(i).get("exitCode"), cells.get(i).get("exitCode"),
          "the same verdict on either engine: " + cells.get(i));
    }
    List<String> splits = new ArrayList<>();
    spread.get("splits").forEach(s -> splits.add(s.get("config").asText()));
    assertEquals(List.of("read-only", "restricted"), splits);
  }

  @Test
  void matrix_refusesAnEngineWithoutTheImage_namingIt() throws Exception {
    sh("/usr/bin/docker -H " + SECOND + " tag " + probe.tag() + " splitcheck-test/only-second:" + PID);
    Path json = tmp.resolve("missing.json");
    int exit = Main.commandLine().execute("matrix", "--json", json.toString(), "--trace", "never",
        "--engine", SECOND, "--engine", FIRST, "splitcheck-test/only-second:" + PID, "--", "write");
    assertEquals(2, exit, "the image exists only on the second engine");
    assertTrue(!Files.exists(json));
  }
}
