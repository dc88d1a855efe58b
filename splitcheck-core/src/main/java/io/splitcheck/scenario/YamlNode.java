package io.splitcheck.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, so that errors can name the line. */
sealed interface YamlNode {
  int line();

  /** What the node is, for messages: "a mapping", "a list", "a string 'x'", "a boolean true". */
  String describe();

  record MapNode(int line, Map<String, YamlNode> fields, Map<String, Integer> keyLines)
      implements YamlNode {
    public MapNode {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      keyLines = Map.copyOf(keyLines);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  record ListNode(int line, List<YamlNode> items) implements YamlNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar: {@code value} is a String, Boolean, Long, Double, or null for YAML null. */
  record ScalarNode(int line, Object value) implements YamlNode {
    @Override
    public String describe() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String s) {
        return "a string '" + s + "'";
      }
      if (value instanceof Boolean b) {
        return "a boolean " + b;
      }
      return "a number " + value;
    }
  }
}
