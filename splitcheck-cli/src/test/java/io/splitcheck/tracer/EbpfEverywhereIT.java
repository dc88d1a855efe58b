package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.Labels;
import io.splitcheck.junit.SplitCheck;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tracer auto} takes eBPF wherever it applies, on the real engine: the scenario suite
 * ({@code splitcheck run}), the fluent {@link SplitCheck} of the JUnit extension, and {@code
 * splitcheck trace CONTAINER} of a running service. The matrix paths are checked by the JVM's count
 * of eBPF-traced cells (the tests run the CLI in-process), the attach path by its log's records,
 * which only eBPF writes.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EbpfEverywhereIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final ObjectMapper JSON = new ObjectMapper();
  private ProbeImages.Probe probe;

  @BeforeAll
  void build() throws Exception {
    Assumptions.assumeTrue(
        EbpfTracer.unavailable().isEmpty()
            || "1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE")),
        "the eBPF tracer cannot run here");
    probe = ProbeImages.build("ebpf-everywhere", "ebpf-everywhere-it-" + PID);
  }

  @AfterAll
  void remove() throws Exception {
    if (probe != null) {
      probe.close();
    }
  }

  @Test
  void run_tracesTheScenarioMatrixWithEbpf_andNamesTheReadOnlyCulprit(@TempDir Path tmp)
      throws Exception {
    Path scenario = Files.createDirectories(tmp.resolve("scenarios").resolve("ebpf-suite"));
    try (InputStream in = getClass().getResourceAsStream("/fixtures/matrix/probe/probe.c")) {
      Files.copy(in, scenario.resolve("probe.c"));
    }
    String compiler = Files.isExecutable(Path.of("/usr/bin/musl-gcc")) ? "musl-gcc" : "gcc";
    Files.writeString(
        scenario.resolve("Dockerfile"),
        "FROM scratch\nCOPY probe /probe\nENTRYPOINT [\"/probe\"]\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        scenario.resolve("scenario.yaml"),
        """
        name: ebpf-suite
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
            .formatted(compiler),
        StandardCharsets.UTF_8);
    long before = EbpfTracer.tracedCells();

    Cli.Result r =
        Cli.run("run", scenario.toString(), "--report", tmp.resolve("out").toString(), "--quiet");

    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(
        EbpfTracer.tracedCells() - before >= 2, "both cells traced by eBPF in their verdict runs");
    JsonNode culprit =
        JSON.readTree(tmp.resolve("out").resolve("report.json").toFile())
            .at("/scenarios/0/matrix/splits/0/culprits/0");
    assertEquals("EROFS", culprit.path("errno").asText(), culprit.toString());
    assertEquals("/written", culprit.path("path").asText(), culprit.toString());
  }

  @Test
  void splitCheck_tracesWithEbpfUnderAuto_andNamesTheDeniedGetrandom() {
    long before = EbpfTracer.tracedCells();

    MatrixResult r =
        SplitCheck.image(probe.tag())
            .matrix("unconfined")
            .withDerivedProfile("prod", "getrandom=EPERM")
            .withCommand("getrandom")
            .expectSplit("prod", "getrandom/EPERM");

    assertTrue(
        EbpfTracer.tracedCells() - before >= 2, "both cells traced by eBPF in their verdict runs");
    Culprit c = r.split("prod").orElseThrow().culprits().get(0);
    assertEquals("seccomp", c.cause(), c.toString());
  }

  @Test
  void trace_ofARunningService_recordsItsFailingCallsWithEbpf_andLeavesItRunning(@TempDir Path tmp)
      throws Exception {
    DockerClient docker = DockerClients.fromEnvironment();
    String id =
        docker
            .createContainerCmd("splitcheck/debian:bookworm")
            .withCmd(
                "sh", "-c", "while :; do cat /nonexistent-ebpf-it 2>/dev/null; sleep 0.2; done")
            .withLabels(Labels.forRun("ebpf-everywhere-it-" + PID, "target"))
            .exec()
            .getId();
    try {
      docker.startContainerCmd(id).exec();
      Path log = tmp.resolve("attach.log");

      Cli.Result r =
          Cli.run("trace", id, "--tracer", "auto", "--duration", "3s", "--out", log.toString());

      assertEquals(0, r.exitCode(), r.out() + r.err());
      List<String> lines = Files.readAllLines(log);
      assertTrue(
          lines.stream()
              .anyMatch(l -> l.contains("\"/nonexistent-ebpf-it\"") && l.contains("ENOENT (bpf)")),
          String.join("\n", lines));
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("execve(\"/usr/bin/cat\"")),
          String.join("\n", lines));
      assertTrue(
          docker.inspectContainerCmd(id).exec().getState().getRunning(),
          "the service keeps running after the trace");
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }
}
