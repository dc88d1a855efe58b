package io.splitcheck.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The typed reads of one profile document, each failing with the file, the field's path and what
 * was expected: the vocabulary {@link ProfileJsonReader} reads a profile's structure with.
 */
final class StrictFields {
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final String source;
  private final ObjectMapper mapper;

  StrictFields(String source, ObjectMapper mapper) {
    this.source = source;
    this.mapper = mapper;
  }

  String optionalText(JsonNode node, String where) {
    return node == null || node.isNull() ? null : text(node, where);
  }

  long unsigned(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      throw fail("missing field '" + where + "'", "a non-negative integer");
    }
    if (!node.isIntegralNumber()
        || node.bigIntegerValue().signum() < 0
        || node.bigIntegerValue().compareTo(MAX_U64) > 0) {
      throw fail(where + " is " + describe(node), "a non-negative integer");
    }
    return node.bigIntegerValue().longValue();
  }

  String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw fail(where + " is " + describe(node), "a string");
    }
    return node.textValue();
  }

  List<String> strings(JsonNode node, String where) {
    List<String> result = new ArrayList<>();
    JsonNode items = array(node, where);
    for (int i = 0; i < items.size(); i++) {
      result.add(text(items.get(i), where + "[" + i + "]"));
    }
    return result;
  }

  JsonNode array(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return mapper.createArrayNode();
    }
    if (!node.isArray()) {
      throw fail(where + " is " + describe(node), "an array");
    }
    return node;
  }

  void object(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw fail(where + " is " + describe(node), "an object");
    }
  }

  void checkFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw new SeccompProfile.UnknownFieldException(
            "Error parsing seccomp profile '"
                + source
                + "': "
                + where
                + " has unknown field '"
                + field
                + "', expected one of "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "missing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase()
        + " "
        + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  IllegalArgumentException fail(String what, String expected) {
    return new IllegalArgumentException(
        "Error parsing seccomp profile '" + source + "': " + what + ", expected " + expected);
  }
}
