package io.splitcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.LabelledObject;
import io.splitcheck.engine.Labels;
import io.splitcheck.engine.Owner;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.MatrixJson;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.testing.SecondEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --engine A --engine B}: a scenario built on the shared engine, its image streamed to a
 * second dockerd ({@link SecondEngine}), its six cells spread over both, each recorded in all three
 * reports, and nothing of the run left on either engine.
 */
@RequiresEngine
@SecondEngine.Needed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiEngineRunIT {
  private static final String FIRST = DockerClients.hostOf(null);
  private static final ObjectMapper JSON = new ObjectMapper();
  private Path scenario;

  @TempDir static Path tmp;

  /** The matrix probe, writing to its root: read-only and restricted split from the baseline. */
  @BeforeAll
  void writeScenario() throws Exception {
    scenario = Files.createDirectories(tmp.resolve("scenarios").resolve("two-engines"));
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
        name: two-engines
        build:
          prebuild: [%s, -static, -O2, -o, probe, probe.c]
        checks:
          matrix:
            cmd: [write]
            timeout: 30s
        expect:
          splits: [{config: read-only}, {config: restricted}]
        """
            .formatted(compiler),
        StandardCharsets.UTF_8);
  }

  private JsonNode run(Path out, String... engines) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("run", scenario.toString(), "--report", out.toString(), "--quiet"));
    for (String engine : engines) {
      argv.addAll(List.of("--engine", engine));
    }
    Cli.Result r = Cli.run(argv.toArray(String[]::new));
    assertEquals(0, r.exitCode(), "the expectations hold on any engines:\n" + r.out() + r.err());
    return JSON.readTree(out.resolve("report.json").toFile());
  }

  @Test
  void run_spreadsCellsOverBothEngines_recordsEachInEveryReport_andLeavesNothing(
      SecondEngine second) throws Exception {
    String before = objects(second);
    JsonNode spread = run(tmp.resolve("spread"), FIRST, second.host());
    String runId = spread.get("runId").asText();

    JsonNode cells = spread.at("/scenarios/0/matrix/cells");
    assertEquals(6, cells.size());
    for (int i = 0; i < cells.size(); i++) {
      JsonNode engine = cells.get(i).get("engine");
      assertEquals(
          i % 2 == 0 ? FIRST : second.host(), engine.get("host").asText(), cells.get(i).toString());
      assertTrue(engine.get("version").asText().matches("\\d+\\.\\d+.*"), engine.toString());
      assertEquals("default", engine.get("seccompProfile").asText());
    }
    JsonNode readOnly = spread.at("/scenarios/0/matrix/splits/0");
    assertEquals("read-only", readOnly.get("config").asText());
    assertEquals(
        "EROFS",
        readOnly.at("/culprits/0/errno").asText(),
        "the cell on the second engine was traced there: " + readOnly);
    String junit = Files.readString(tmp.resolve("spread/junit.xml"));
    assertTrue(
        junit.contains(
            "<property name=\"cell.read-only.engine\" value=\"" + second.host() + "\"/>"),
        junit);
    String html = Files.readString(tmp.resolve("spread/index.html"));
    assertTrue(
        html.contains("<td><code>" + second.host() + "</code></td>"), "engines table and cells");

    assertEquals(
        before, objects(second), "the copied image and every container and volume are gone");
    try (DockerClient first = DockerClients.forHost(FIRST)) {
      List<LabelledObject> left =
          new Janitor(first).list().stream().filter(o -> o.runId().startsWith(runId)).toList();
      assertEquals(List.of(), left, "nothing of run " + runId + " on the first engine");
    }

    JsonNode single = run(tmp.resolve("single"), FIRST);
    assertEquals(
        withoutEngineAndTimes(single),
        withoutEngineAndTimes(spread),
        "one engine or two: the same report but for the engines and times");
  }

  @Test
  void gc_removesACopyLeftByAKilledRun_fromTheEngineItWasCopiedTo(SecondEngine second)
      throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String copy = "splitcheck-run/20261126-020000-" + gone.pid() + ":two-engines";
    second.docker("import - " + copy + " < <(tar cf - --files-from /dev/null)");
    // the owner record the killed run left on that engine: its process (this boot, this namespace)
    // ended
    String runId = "20261126-020000-" + gone.pid();
    Owner me = Owner.current().orElseThrow();
    String ended = new Owner(me.bootId(), me.pidNamespace(), gone.pid(), 1).label();
    second.docker(
        "volume create --label "
            + Labels.RUN
            + "="
            + runId
            + " --label "
            + Labels.ROLE
            + "=owner"
            + " --label "
            + Labels.OWNER
            + "="
            + ended
            + " splitcheck-owner-"
            + runId);

    Cli.Result dry = Cli.run("gc", "--dry-run", "--engine", FIRST, "--engine", second.host());
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(
        dry.out()
            .contains(
                "would remove image "
                    + copy
                    + " (run 20261126-020000-"
                    + gone.pid()
                    + ") on "
                    + second.host()
                    + ": pid "
                    + gone.pid()
                    + " has ended\n"),
        dry.out());
    Cli.Result gc = Cli.run("gc", "--engine", second.host());
    assertEquals(0, gc.exitCode(), gc.err());
    assertEquals("", second.docker("images -q " + copy));
  }

  /** Everything the second engine holds: images (with intermediates), containers, volumes. */
  private static String objects(SecondEngine second) throws Exception {
    return second.docker("images -a --no-trunc --format '{{.ID}} {{.Repository}}:{{.Tag}}'")
        + second.docker("ps -a --no-trunc -q")
        + second.docker("volume ls -q");
  }

  /**
   * The report without what differs between any two runs: run id, times, the image id each build
   * made, and the pids of the traced processes (the traced re-run's pid numbering depends on when
   * the tracer attached, on one engine as on two).
   */
  private static JsonNode withoutEngineAndTimes(JsonNode report) {
    JsonNode copy = report.deepCopy();
    ((ObjectNode) copy).remove(List.of("runId", "startedAt"));
    copy.get("scenarios")
        .forEach(
            s -> {
              ((ObjectNode) s).remove("image");
              ((ObjectNode) s.get("matrix")).remove(List.of("image", "imageId"));
              s.get("outcomes").forEach(o -> ((ObjectNode) o).remove(List.of("millis", "actual")));
              s.at("/matrix/cells")
                  .forEach(c -> ((ObjectNode) c).remove(List.of("engine", "wallMillis")));
              MatrixJson.forgetPids(s.at("/matrix/splits"));
            });
    return copy;
  }
}
