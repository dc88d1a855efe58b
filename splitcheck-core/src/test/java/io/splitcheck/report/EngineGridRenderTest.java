package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.seccomp.Culprit;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cells x engines grid in the terminal text and in junit.xml. */
class EngineGridRenderTest {
  private static final Culprit CULPRIT =
      new Culprit(
          "request_key", "ENOSYS", Culprit.ENGINE, null, "EPERM on docker-20.10, ENOSYS on podman");

  private static EngineGrid grid() {
    String summary =
        EngineGridText.summary(
            "runtime-default",
            "podman",
            "exit 0",
            "docker-20.10",
            "exit 3",
            List.of(CULPRIT),
            null);
    return new EngineGrid(
        "docker-20.10",
        List.of(
            new EngineGrid.Column(
                "docker-20.10",
                "unix:///var/run/docker.sock",
                "20.10.24+dfsg1",
                "docker-20.10",
                "runc 1.1.5",
                "docker-20.10.24.json",
                "EPERM"),
            new EngineGrid.Column(
                "podman",
                "unix:///run/splitcheck/podman.sock",
                "4.3.1",
                "podman",
                "crun 1.8.1",
                "podman-containers-common.json",
                "ENOSYS")),
        List.of(
            new EngineGrid.Row(
                "unconfined",
                List.of(
                    new EngineGrid.Entry("docker-20.10", "exit 3", 3, 120, false, null),
                    new EngineGrid.Entry("podman", "exit 3", 3, 900, false, null))),
            new EngineGrid.Row(
                "runtime-default",
                List.of(
                    new EngineGrid.Entry("docker-20.10", "exit 3", 3, 110, true, null),
                    new EngineGrid.Entry(
                        "podman",
                        "exit 0",
                        0,
                        950,
                        true,
                        "runtime-default: exit 0 (unconfined: 3)")))),
        List.of(
            new EngineGrid.EngineSplit(
                "runtime-default",
                "docker-20.10",
                "podman",
                "exit 3",
                "exit 0",
                summary,
                List.of(CULPRIT),
                null)));
  }

  @Test
  void text_marksTheEngineSplitInTheGrid_andExplainsIt() {
    List<String> lines = EngineGridText.lines(grid());
    assertEquals("  cell              docker-20.10   podman", lines.get(2));
    assertEquals("  unconfined        exit 3         exit 3", lines.get(3));
    assertEquals("  runtime-default   exit 3         exit 0 *", lines.get(4));
    assertEquals("1 engine split:", lines.get(5));
    assertEquals(
        "runtime-default on podman: exit 0 (on docker-20.10: exit 3) <- request_key = -1 ENOSYS "
            + "[engine: EPERM on docker-20.10, ENOSYS on podman]",
        lines.get(6));
  }

  private static RunReport report() {
    MatrixResult m =
        new MatrixResult("img", "sha256:1", "unconfined", List.of(), List.of(), List.of(), grid());
    CheckOutcome o =
        new CheckOutcome("matrix", CheckOutcome.Status.PASSED, "no split", "no split", "", 0);
    ScenarioReport s =
        new ScenarioReport("img", "", "sha256:1", List.of(), null, m, null, List.of(o));
    return RunReport.of("r1", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), List.of(s));
  }

  @Test
  void reportJson_withTheGrid_followsTheSchema_andReadsBackEqual() throws Exception {
    String json = ReportJson.toString(report());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode schema = mapper.readTree(Path.of("..", "reports", "report.schema.json").toFile());
    assertEquals(List.of(), new MiniSchema(schema).validate(mapper.readTree(json)));
    RunReport back =
        ReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
    assertEquals(grid(), back.scenarios().get(0).matrix().engineGrid());
  }

  @Test
  void junit_hasATestcasePerCellAndEngine_anEngineSplitFailing() throws Exception {
    RunReport report = report();
    StringWriter out = new StringWriter();
    new JUnitXmlRenderer().render(report, out);
    String xml = out.toString();
    assertTrue(xml.contains("<testsuites name=\"splitcheck\" tests=\"5\" failures=\"1\""), xml);
    assertTrue(
        xml.contains(
            "<testcase classname=\"splitcheck.img.engines\" name=\"runtime-default on podman\""),
        xml);
    assertTrue(
        xml.contains(
            "<failure message=\"engine split: exit 0 on podman, exit 3 on docker-20.10\" "
                + "type=\"engine-split\">"),
        xml);
    assertEquals(5, xml.split("<testcase ", -1).length - 1, xml);
  }
}
