package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.json.Json;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SARIF logs of the three checks, from the commands' captured JSON and a captured run report, each
 * validated against the SARIF 2.1.0 schema (fixtures/sarif, see PROVENANCE.md there).
 */
class SarifRendererTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static <T> T fixture(String name, Class<T> type) throws Exception {
    try (InputStream in =
        SarifRendererTest.class.getResourceAsStream("/fixtures/report/commands/" + name)) {
      return Json.read(in, type, name);
    }
  }

  private static JsonNode sarif(RunReport report) throws Exception {
    StringWriter out = new StringWriter();
    new SarifRenderer().render(report, out);
    JsonNode log = JSON.readTree(out.toString());
    try (InputStream schema =
        SarifRendererTest.class.getResourceAsStream("/fixtures/sarif/sarif-schema-2.1.0.json")) {
      JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
      Set<ValidationMessage> errors = s.validate(log);
      assertEquals(Set.of(), errors, out.toString());
    }
    return log;
  }

  private static RunReport oneScenario(TwiceResult twice, MatrixResult matrix, AuditResult audit) {
    return RunReport.of(
        "20261126-020000-1",
        CLOCK,
        List.of(
            new ScenarioReport(
                "tls-verify",
                "scenarios/tls-verify",
                "sha256:a4a860e1",
                List.of(),
                twice,
                matrix,
                audit,
                List.of())));
  }

  @Test
  void audit_findingWithALine_isLocatedAtTheDockerfileLine_andItsRuleHasLevelAndHelp()
      throws Exception {
    JsonNode run =
        sarif(oneScenario(null, null, fixture("audit.json", AuditResult.class))).get("runs").get(0);

    JsonNode result = run.get("results").get(0);
    assertEquals("linkage.dynamic-in-scratch", result.get("ruleId").asText());
    assertEquals("error", result.get("level").asText());
    JsonNode physical = result.get("locations").get(0).get("physicalLocation");
    assertEquals(
        "scenarios/tls-verify/Dockerfile", physical.get("artifactLocation").get("uri").asText());
    assertEquals(3, physical.get("region").get("startLine").asInt());
    JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
    assertEquals("linkage.dynamic-in-scratch", rule.get("id").asText());
    assertEquals("LinkageDynamicInScratch", rule.get("name").asText());
    assertEquals("error", rule.get("defaultConfiguration").get("level").asText());
    assertTrue(
        rule.get("help").get("text").asText().startsWith("A dynamically linked executable"),
        rule.toString());
  }

  @Test
  void matrix_split_saysTheCulpritAndStderr_andTwiceDifferences_areLocatedAtTheirImagePath()
      throws Exception {
    JsonNode results =
        sarif(
                oneScenario(
                    fixture("twice.json", TwiceResult.class),
                    fixture("matrix.json", MatrixResult.class),
                    null))
            .get("runs")
            .get(0)
            .get("results");

    JsonNode split = results.get(0);
    assertEquals("matrix.split", split.get("ruleId").asText());
    assertEquals(
        "prod: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: denied by profile prod]"
            + " | stderr: verify-tls: getrandom failed: Operation not permitted",
        split.get("message").get("text").asText());
    assertEquals("getrandom/EPERM", split.get("properties").get("culprits").get(0).asText());
    JsonNode difference = results.get(1);
    assertEquals("twice.difference", difference.get("ruleId").asText());
    JsonNode artifact =
        difference.get("locations").get(0).get("physicalLocation").get("artifactLocation");
    assertEquals("built-at", artifact.get("uri").asText());
    assertEquals("IMAGE_ROOT", artifact.get("uriBaseId").asText());
    assertEquals("twice.config-difference", results.get(results.size() - 1).get("ruleId").asText());
  }

  @Test
  void capturedRunReport_validates_andTwoRendersAreIdentical() throws Exception {
    RunReport report;
    try (InputStream in =
        SarifRendererTest.class.getResourceAsStream("/fixtures/report/report.json")) {
      report = ReportJson.read(in, "report.json");
    }
    JsonNode first = sarif(report);

    assertEquals(first, sarif(report));
    assertTrue(first.get("runs").get(0).get("results").size() > 0, first.toString());
  }

  @Test
  void uri_percentEncodesWhatAUriCannotHold() {
    assertEquals("app/my%20fil%C3%A9.txt", SarifRenderer.uri("app/my filé.txt"));
  }

  @Test
  void schema_rejectsWhatSarifForbids_soTheValidationAboveMeansSomething() throws Exception {
    ObjectNode log =
        new SarifRenderer().log(oneScenario(null, null, fixture("audit.json", AuditResult.class)));
    ((ObjectNode) log.get("runs").get(0).get("results").get(0)).put("level", "fatal");
    try (InputStream schema =
        SarifRendererTest.class.getResourceAsStream("/fixtures/sarif/sarif-schema-2.1.0.json")) {
      Set<ValidationMessage> errors =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema).validate(log);
      assertTrue(
          errors.stream().anyMatch(e -> e.getMessage().contains("level")), errors.toString());
    }
  }
}
