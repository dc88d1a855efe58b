package io.splitcheck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Matrix reports of two runs made comparable: what differs between any two runs left out. */
public final class MatrixJson {
  private MatrixJson() {}

  /** A matrix report without its run's id and clock, the cells' wall times and process ids. */
  public static JsonNode withoutTimesAndPids(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    copy.remove(List.of("generatedAt", "runId", "startedAt", "durationMillis"));
    copy.get("cells").forEach(c -> ((ObjectNode) c).remove("wallMillis"));
    forgetPids(copy.get("splits"));
    return copy;
  }

  /**
   * Removes, in place, the process ids of every split's culprits and their ancestry, and writes
   * {@code [pid]} for them in its summary (every {@code [12]} reads {@code [pid]}).
   */
  public static void forgetPids(JsonNode splits) {
    splits.forEach(
        split -> {
          ((ObjectNode) split)
              .put("summary", split.path("summary").asText().replaceAll("\\[\\d+\\]", "[pid]"));
          split
              .path("culprits")
              .forEach(
                  c -> {
                    if (c.has("process")) {
                      ((ObjectNode) c.get("process")).remove("pid");
                    }
                    c.path("ancestry").forEach(a -> ((ObjectNode) a).remove("pid"));
                  });
        });
  }
}
