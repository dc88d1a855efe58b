package io.splitcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a JSON document against the subset of JSON Schema that reports/report.schema.json uses:
 * type, required, properties with additionalProperties false, items, enum, const, $ref to $defs.
 * Returns the violations, each with its JSON pointer.
 */
final class MiniSchema {
  private final JsonNode root;

  MiniSchema(JsonNode root) {
    this.root = root;
  }

  List<String> validate(JsonNode doc) {
    List<String> errors = new ArrayList<>();
    check(root, doc, "", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().replace("#/$defs/", "");
      check(root.get("$defs").get(name), value, at, errors);
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type").asText(), value)) {
      errors.add(at + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      errors.add(at + ": " + value + " not in " + schema.get("enum"));
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      errors.add(at + ": expected " + schema.get("const") + ", got " + value);
    }
    if (value.isObject()) {
      object(schema, value, at, errors);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "/" + i, errors);
      }
    }
  }

  private void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
    JsonNode props = schema.get("properties");
    if (schema.has("required")) {
      schema
          .get("required")
          .forEach(
              r -> {
                if (!value.has(r.asText())) {
                  errors.add(at + ": missing required '" + r.asText() + "'");
                }
              });
    }
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (props == null || !props.has(name)) {
        if (schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").asBoolean()) {
          errors.add(at + ": unexpected field '" + name + "'");
        }
      } else {
        check(props.get(name), value.get(name), at + "/" + name, errors);
      }
    }
  }

  private static boolean typeMatches(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "boolean" -> v.isBoolean();
      case "number" -> v.isNumber();
      default -> false;
    };
  }

  private static boolean contains(JsonNode array, JsonNode v) {
    for (JsonNode n : array) {
      if (n.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
