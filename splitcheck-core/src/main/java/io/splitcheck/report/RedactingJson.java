package io.splitcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redaction of a JSON tree value by value, before it is serialised: each string is redacted on its
 * own, so no rule can reach past a value's end into the document's syntax, and whatever a value
 * holds (a key block without END, a quote, a backslash) the document written afterwards is valid
 * JSON.
 */
public final class RedactingJson {
  private RedactingJson() {}

  /** Replaces, in place, every string value of {@code tree} by its redaction; returns the tree. */
  public static JsonNode redact(JsonNode tree, Redactor redactor) {
    if (tree instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      o.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> f : fields) {
        if (f.getValue().isTextual()) {
          o.set(f.getKey(), TextNode.valueOf(redactor.redact(f.getValue().asText())));
        } else {
          redact(f.getValue(), redactor);
        }
      }
    } else if (tree instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i).isTextual()) {
          a.set(i, TextNode.valueOf(redactor.redact(a.get(i).asText())));
        } else {
          redact(a.get(i), redactor);
        }
      }
    }
    return tree;
  }
}
