package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.json.Json;
import io.splitcheck.report.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} files of twice and diff: config differences carry env values, which are blanked.
 */
class JsonOutputRedactionTest {
  record Doc(List<Map<String, String>> configDifferences, String log) {}

  @TempDir Path tmp;

  @Test
  void write_blanksSecretEnvValuesAndBuildSecrets_andStaysValidJson() throws Exception {
    Path file = tmp.resolve("twice.json");
    Doc doc =
        new Doc(
            List.of(
                Map.of(
                    "field",
                    "Env",
                    "first",
                    "API_TOKEN=first-value-1",
                    "second",
                    "API_TOKEN=second-value-2")),
            "RUN cat /run/secrets/tok: correct-horse-battery");

    JsonOutput.write(
        file, doc, Redactor.standard().withLiterals(List.of("correct-horse-battery\n")));

    String text = Files.readString(file);
    assertFalse(
        text.contains("first-value-1")
            || text.contains("second-value-2")
            || text.contains("correct-horse-battery"),
        text);
    JsonNode json = Json.tree(text);
    assertEquals(
        "API_TOKEN=[REDACTED]", json.get("configDifferences").get(0).get("first").asText());
    assertTrue(json.get("log").asText().endsWith("[REDACTED]"));
    assertEquals(Json.SCHEMA_VERSION, json.get("schemaVersion").asInt());
  }
}
