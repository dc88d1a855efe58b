package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
  private static final Path SCHEMA = Path.of("..", "reports", "report.schema.json");

  @Test
  void write_matchesGoldenReport() throws IOException {
    Golden.assertMatches("report.json", ReportJson.toString(ReportSamples.sample()));
  }

  @Test
  void write_isByteIdentical_forTheSameReport() {
    assertEquals(
        ReportJson.toString(ReportSamples.sample()), ReportJson.toString(ReportSamples.sample()));
  }

  @Test
  void read_returnsAnEqualReport_forWhatWriteWrote() {
    RunReport sample = ReportSamples.sample();
    String json = ReportJson.toString(sample);
    RunReport back =
        ReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
    assertEquals(sample, back);
  }

  @Test
  void goldenReport_followsTheSchema() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode schema = mapper.readTree(SCHEMA.toFile());
    JsonNode golden = mapper.readTree(Golden.DIR.resolve("report.json").toFile());
    assertEquals(List.of(), new MiniSchema(schema).validate(golden));
  }

  @Test
  void schemaCheck_canFail_whenAFieldIsUnknownOrMissing() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode schema = mapper.readTree(SCHEMA.toFile());
    JsonNode bad =
        mapper.readTree(
            "{\"schemaVersion\":1,\"runId\":\"r\",\"scenarios\":"
                + "[{\"name\":\"x\",\"bases\":[],\"outcomes\":[],\"extra\":1}]}");
    List<String> errors = new MiniSchema(schema).validate(bad);
    assertTrue(errors.contains(": missing required 'startedAt'"), errors.toString());
    assertTrue(errors.contains("/scenarios/0: unexpected field 'extra'"), errors.toString());
  }

  @Test
  void read_leavesEngineNull_forCellsOfAnOlderReport() {
    String json = ReportJson.toString(ReportSamples.sample());
    RunReport back =
        ReportJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "mem");
    MatrixResult m = back.scenarios().get(2).matrix();
    assertEquals(ReportSamples.LOCAL, m.cell("unconfined").orElseThrow().engine());
    assertEquals(null, m.cell("cap-drop-all").orElseThrow().engine());
  }

  @Test
  void write_leavesNullFieldsOut() {
    String json = ReportJson.toString(ReportSamples.sample());
    assertFalse(json.contains("null"), json);
  }

  @Test
  void read_namesTheSource_whenJsonIsBroken() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ReportJson.read(
                    new ByteArrayInputStream("{\"runId\":".getBytes(StandardCharsets.UTF_8)),
                    "reports/x/report.json"));
    assertTrue(
        e.getMessage().startsWith("Error parsing report 'reports/x/report.json'"), e.getMessage());
  }
}
