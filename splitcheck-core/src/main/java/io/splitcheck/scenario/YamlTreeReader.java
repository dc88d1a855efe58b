package io.splitcheck.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.splitcheck.scenario.YamlNode.ListNode;
import io.splitcheck.scenario.YamlNode.MapNode;
import io.splitcheck.scenario.YamlNode.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s that remember their line, with Jackson's streaming
 * YAML parser (so typed scalars keep their YAML type: {@code true} is a boolean, {@code "true"} a
 * string; YAML 1.1 {@code yes}/{@code no} are strings). Duplicate keys are an error.
 */
final class YamlTreeReader {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private final String file;

  YamlTreeReader(String file) {
    this.file = file;
  }

  YamlNode read(Reader reader) {
    try (JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new MapNode(1, Map.of(), Map.of());
      }
      YamlNode root = readValue(parser, first);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException(
            "Error parsing scenario '"
                + file
                + ":"
                + parser.currentTokenLocation().getLineNr()
                + "': a second YAML document ('---'), expected "
                + "exactly one (the first would be used and the rest ignored)");
      }
      return root;
    } catch (IOException e) {
      int line = lineOf(e);
      throw new IllegalArgumentException(
          "Error parsing scenario '"
              + file
              + ":"
              + line
              + "': not valid YAML: "
              + yamlProblem(e.getMessage()),
          e);
    }
  }

  /**
   * SnakeYAML's context line and its problem ("expected ',' or ']', but got ..."), without the
   * snippet.
   */
  static String yamlProblem(String message) {
    List<String> lines =
        String.valueOf(message)
            .lines()
            .map(String::strip)
            .filter(
                l ->
                    !l.isEmpty()
                        && !l.startsWith("in '")
                        && !l.startsWith("^")
                        && !l.startsWith("at [Source"))
            .toList();
    String context = lines.isEmpty() ? "" : lines.get(0);
    String problem =
        lines.stream()
            .filter(
                l ->
                    l.startsWith("expected")
                        || l.startsWith("found")
                        || l.startsWith("did not find")
                        || l.startsWith("mapping values"))
            .findFirst()
            .orElse(null);
    return problem == null || problem.equals(context) ? context : context + ": " + problem;
  }

  private YamlNode readValue(JsonParser parser, JsonToken token) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT:
        return readMap(parser, line);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          items.add(readValue(parser, t));
        }
        return new ListNode(line, items);
      case VALUE_STRING:
        return new ScalarNode(line, parser.getText());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return bool(parser.getText(), token == JsonToken.VALUE_TRUE, line);
      case VALUE_NUMBER_INT:
        return new ScalarNode(line, parser.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return new ScalarNode(line, parser.getDoubleValue());
      case VALUE_NULL:
        return new ScalarNode(line, null);
      default:
        throw new IllegalArgumentException(
            file + ":" + line + ": unsupported YAML construct " + token);
    }
  }

  /**
   * YAML 1.2 booleans only: {@code true}/{@code false}. YAML 1.1's {@code yes}, {@code no}, {@code
   * on}, {@code off} stay strings (so {@code reproducible: yes} is a type error, and {@code config:
   * no} a string).
   */
  private static ScalarNode bool(String text, boolean value, int line) {
    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
        ? new ScalarNode(line, value)
        : new ScalarNode(line, text);
  }

  private MapNode readMap(JsonParser parser, int line) throws IOException {
    Map<String, YamlNode> fields = new LinkedHashMap<>();
    Map<String, Integer> keyLines = new HashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String key = parser.currentName();
      int keyLine = parser.currentTokenLocation().getLineNr();
      if (fields.containsKey(key)) {
        throw new IllegalArgumentException(
            file
                + ":"
                + keyLine
                + ": duplicate field '"
                + key
                + "' (first on line "
                + keyLines.get(key)
                + ")");
      }
      keyLines.put(key, keyLine);
      fields.put(key, readValue(parser, parser.nextToken()));
    }
    return new MapNode(line, fields, keyLines);
  }

  private static int lineOf(IOException e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      return jpe.getLocation().getLineNr();
    }
    return 1;
  }
}
