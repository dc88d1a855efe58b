package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.report.CheckOutcome.Status;
import io.splitcheck.report.MatrixResult.CellResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile image can print into a cell's output — a key block's BEGIN line with no END,
 * quotes, backslashes, XML and script terminators, control characters, a secret with spaces — never
 * makes a report file invalid, and no secret value reaches any of them.
 */
class ReportWriterHostileValuesTest {
  private static final String HOSTILE =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n"
          + "\" } ] \\ ]]> </script> <!-- \u001b[31m\u0007\r DB_PASSWORD=correct horse battery staple\n"
          + "SERVICE_API_KEY=[a1],comma;semi \"Bearer eyJhbGciOiJIUzI1NiJ9\" --password hunter2\n";

  @TempDir Path dir;

  @Test
  void write_givesParseableJsonXmlAndHtml_whenACellPrintsAKeyHeaderWithoutEnd() throws Exception {
    MatrixResult m =
        new MatrixResult(
            "splitcheck-test/hostile",
            "sha256:1",
            "unconfined",
            List.of(
                new CellResult(
                    "unconfined",
                    0,
                    false,
                    false,
                    10,
                    List.of(),
                    HOSTILE,
                    HOSTILE,
                    null,
                    ReportSamples.LOCAL)),
            List.of(),
            List.of());
    ScenarioReport s =
        new ScenarioReport(
            "hostile",
            "scenarios/hostile",
            "sha256:1",
            List.of(),
            null,
            m,
            null,
            List.of(new CheckOutcome("matrix", Status.FAILED, HOSTILE, HOSTILE, HOSTILE, 1)));
    RunReport report = RunReport.of("20261126-020000-1", ReportSamples.CLOCK, List.of(s));

    new ReportWriter().write(report, dir);

    String json = Files.readString(dir.resolve(ReportWriter.JSON), StandardCharsets.UTF_8);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertEquals(
        "unconfined",
        tree.path("scenarios").get(0).path("matrix").path("cells").get(0).path("config").asText(),
        "the document after the hostile value is intact");
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(dir.resolve(ReportWriter.JUNIT).toFile());
    String html = Files.readString(dir.resolve(ReportWriter.HTML), StandardCharsets.UTF_8);
    assertTrue(html.strip().endsWith("</html>"), "index.html is whole");
    for (String file : List.of(json, html, Files.readString(dir.resolve(ReportWriter.JUNIT)))) {
      for (String secret :
          List.of(
              "MIIEowIBAAKCAQEA",
              "horse battery staple",
              "comma;semi",
              "eyJhbGciOiJIUzI1NiJ9",
              "hunter2")) {
        assertFalse(file.contains(secret), secret + " leaked");
      }
    }
    assertEquals(1, ReportWriter.read(dir).scenarios().size(), "and it reads back");
  }
}
