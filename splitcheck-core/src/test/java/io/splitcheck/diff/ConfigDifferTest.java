package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDifferTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void diff_listsChangedAddedAndRemovedFieldsAsSortedJsonPaths() throws Exception {
    var a =
        JSON.readTree(
            "{\"created\":\"1\",\"config\":{\"Env\":[\"A=1\"],\"Labels\":{\"x\":\"1\"}},"
                + "\"history\":[{},{},{},{},{},{},{},{},{},{},{\"created\":\"1\"}]}");
    var b =
        JSON.readTree(
            "{\"created\":\"2\",\"config\":{\"Env\":[\"A=1\",\"B=2\"],\"Labels\":{}},"
                + "\"history\":[{},{},{},{},{},{},{},{},{},{\"created\":\"9\"},{\"created\":\"2\"}]}");
    assertEquals(
        List.of(
            "$.config.Env[1]",
            "$.config.Labels.x",
            "$.created",
            "$.history[9].created",
            "$.history[10].created"),
        ConfigDiffer.diff(a, b));
  }
}
