package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.NamedEngine;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.testing.StaticPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code matrix --on} on the real engines: Docker 20.10 (the shared one), Docker 26 and Podman,
 * with one FROM-scratch image whose program falls back only on ENOSYS ({@code enosys_fallback.c}).
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineAxisIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final String DOCKER2010 = DockerClients.hostOf(null);
  private static final ObjectMapper JSON = new ObjectMapper();
  private String tag;

  @TempDir Path tmp;

  @BeforeAll
  void buildImage(@TempDir Path context) throws Exception {
    StaticPrograms.compile("enosys_fallback", context);
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM scratch\nCOPY enosys_fallback /enosys_fallback\n"
            + "ENTRYPOINT [\"/enosys_fallback\"]\nCMD [\"request_key\"]\n",
        StandardCharsets.UTF_8);
    tag = "splitcheck-test/enosys-fallback:" + PID;
    ProbeImages.exec(
        context,
        List.of(
            "/usr/bin/docker",
            "build",
            "-q",
            "--label",
            "io.splitcheck.run=engine-axis-it-" + PID,
            "-t",
            tag,
            "."));
  }

  @AfterAll
  void removeImage() throws Exception {
    if (tag != null) {
      ProbeImages.exec(Path.of("."), List.of("/usr/bin/docker", "rmi", "-f", tag));
    }
  }

  private JsonNode matrix(int expectedExit, List<String> configs, String... args) throws Exception {
    Path json = tmp.resolve("m-" + System.nanoTime() + ".json");
    List<String> argv = new ArrayList<>(List.of("matrix", "--json", json.toString()));
    configs.forEach(c -> argv.addAll(List.of("--config", c)));
    argv.addAll(List.of(args));
    Cli.Result r = Cli.run(argv.toArray(String[]::new));
    assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
    return JSON.readTree(json.toFile());
  }

  private static JsonNode entry(JsonNode grid, String cell, String engine) {
    for (JsonNode row : grid.get("cells")) {
      if (row.get("config").asText().equals(cell)) {
        for (JsonNode e : row.get("entries")) {
          if (e.get("engine").asText().equals(engine)) {
            return e;
          }
        }
      }
    }
    throw new AssertionError("no entry " + cell + " on " + engine + " in " + grid);
  }

  @Test
  void unlistedSyscall_cellsAgreeOnDocker2010_splitOnPodman_causeEngineWithBothErrnos()
      throws Exception {
    String podman = NamedEngine.PODMAN.host();
    JsonNode m =
        matrix(
            1,
            List.of("unconfined", "runtime-default", "cap-drop-all"),
            "--on",
            "docker-20.10=" + DOCKER2010,
            "--on",
            "podman=" + podman,
            tag);
    JsonNode grid = m.get("engineGrid");
    assertEquals("docker-20.10", grid.get("reference").asText());
    assertEquals("podman", grid.get("engines").get(1).get("kind").asText());
    assertEquals("ENOSYS", grid.get("engines").get(1).get("defaultErrno").asText());
    assertEquals("EPERM", grid.get("engines").get(0).get("defaultErrno").asText());
    for (String cell : List.of("unconfined", "runtime-default", "cap-drop-all")) {
      assertEquals(
          3, entry(grid, cell, "docker-20.10").get("exitCode").asInt(), cell + " on docker-20.10");
    }
    assertEquals(0, m.get("splits").size(), "the cells agree on docker-20.10: " + m.get("splits"));
    assertEquals(
        3, entry(grid, "unconfined", "podman").get("exitCode").asInt(), "the kernel: ENOKEY");
    assertEquals(
        0, entry(grid, "runtime-default", "podman").get("exitCode").asInt(), "ENOSYS: fallback");
    assertTrue(
        entry(grid, "runtime-default", "podman").has("split"), "podman splits from its baseline");

    JsonNode first = grid.get("splits").get(0);
    assertEquals("runtime-default", first.get("config").asText(), grid.get("splits").toString());
    JsonNode culprit = first.get("culprits").get(0);
    assertEquals("request_key", culprit.get("syscall").asText(), first.toString());
    assertEquals("engine", culprit.get("cause").asText());
    String detail = culprit.get("detail").asText();
    assertTrue(detail.startsWith("EPERM on docker-20.10, ENOSYS on podman"), detail);
    assertTrue(
        detail.contains(
            "default errno EPERM (docker-20.10.24.json) vs ENOSYS "
                + "(podman-containers-common.json)"),
        detail);
    assertTrue(detail.contains("runtime runc 1.1.5 vs crun 1.8.1"), detail);
    List<String> split = new ArrayList<>();
    grid.get("splits")
        .forEach(s -> split.add(s.get("config").asText() + " on " + s.get("engine").asText()));
    assertEquals(
        List.of("runtime-default on podman", "cap-drop-all on podman"),
        split,
        "unconfined agrees (the kernel answers both); the cells under the default profile split");
  }

  @Test
  void ioUringSetup_allowedOnDocker2010_epermOnDocker26_anEngineSplit() throws Exception {
    String docker26 = NamedEngine.DOCKER26.host();
    JsonNode m =
        matrix(
            1,
            List.of("runtime-default"),
            "--on",
            "docker-20.10=" + DOCKER2010,
            "--on",
            "docker-26=" + docker26,
            tag,
            "--",
            "io_uring_setup");
    JsonNode grid = m.get("engineGrid");
    assertEquals("docker-26", grid.get("engines").get(1).get("kind").asText());
    assertEquals(0, entry(grid, "runtime-default", "docker-20.10").get("exitCode").asInt());
    assertEquals(3, entry(grid, "runtime-default", "docker-26").get("exitCode").asInt());
    JsonNode split = grid.get("splits").get(0);
    assertEquals("runtime-default", split.get("config").asText(), grid.toString());
    JsonNode culprit = split.get("culprits").get(0);
    assertEquals("io_uring_setup", culprit.get("syscall").asText(), split.toString());
    assertEquals("EPERM", culprit.get("errno").asText());
    assertEquals("engine", culprit.get("cause").asText());
    String detail = culprit.get("detail").asText();
    assertTrue(detail.startsWith("allowed on docker-20.10, EPERM on docker-26"), detail);
    assertTrue(detail.contains("docker-20.10.24.json: allowed"), detail);
    assertTrue(detail.contains("docker-26.1.json: no rule, default errno EPERM"), detail);
  }

  @Test
  void customProfileCell_onPodman_isSentAsAFile_andAgreesWithDocker() throws Exception {
    String podman = NamedEngine.PODMAN.host();
    Path profile =
        Path.of("..", "seccomp-profiles", "docker-26.1.json").toAbsolutePath().normalize();
    JsonNode m =
        matrix(
            0,
            List.of("d26"),
            "--profile",
            "d26=" + profile,
            "--trace",
            "never",
            "--on",
            "docker-20.10=" + DOCKER2010,
            "--on",
            "podman=" + podman,
            tag);
    JsonNode grid = m.get("engineGrid");
    // Podman's Docker API takes seccomp= only as a path: inline JSON would not start ("file name
    // too long")
    assertEquals(
        3, entry(grid, "d26", "podman").get("exitCode").asInt(), "EPERM from the profile: " + grid);
    assertEquals(3, entry(grid, "d26", "docker-20.10").get("exitCode").asInt());
    assertEquals(0, grid.get("splits").size(), grid.toString());
  }

  @Test
  void onEngines_writesThroughTheSameOutputAsOneEngine_formatSarifOnStdout_textOnStderr()
      throws Exception {
    String docker26 = NamedEngine.DOCKER26.host();
    Path report = tmp.resolve("report-" + System.nanoTime());
    Cli.Result r =
        Cli.run(
            "matrix",
            "--config",
            "runtime-default",
            "--trace",
            "never",
            "--format",
            "sarif",
            "--report",
            report.toString(),
            "--on",
            "docker-20.10=" + DOCKER2010,
            "--on",
            "docker-26=" + docker26,
            tag,
            "--",
            "io_uring_setup");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    JsonNode sarif = JSON.readTree(r.out());
    assertEquals("2.1.0", sarif.get("version").asText(), r.out());
    assertTrue(
        r.err().contains(tag + " ("),
        "the human text goes to stderr with --format sarif: " + r.err());
    assertTrue(r.err().contains("on 2 engines"), r.err());
    assertTrue(
        Files.isRegularFile(report.resolve("report.json")), "--report is written on --on too");
  }
}
