package io.splitcheck.scenario;

import io.splitcheck.scenario.YamlNode.ListNode;
import io.splitcheck.scenario.YamlNode.MapNode;
import io.splitcheck.scenario.YamlNode.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Strict, typed access to one YAML mapping: construction rejects keys not in the allowed set, each
 * getter rejects a value of the wrong type; every message names file, line and dotted field path.
 */
final class Fields {
  private final String file;
  private final String path;
  private final MapNode node;

  private Fields(String file, String path, MapNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  static Fields of(String file, String path, YamlNode node, Set<String> allowed) {
    if (!(node instanceof MapNode map)) {
      throw error(file, node.line(), path, "expected a mapping, got " + node.describe());
    }
    for (Map.Entry<String, Integer> key : new TreeMap<>(map.keyLines()).entrySet()) {
      if (!allowed.contains(key.getKey())) {
        String where = path.isEmpty() ? "" : " in '" + path + "'";
        throw new IllegalArgumentException(
            file
                + ":"
                + key.getValue()
                + ": unknown field '"
                + key.getKey()
                + "'"
                + where
                + " (expected one of: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
    return new Fields(file, path, map);
  }

  String file() {
    return file;
  }

  boolean has(String name) {
    YamlNode value = node.fields().get(name);
    return value != null && !(value instanceof ScalarNode s && s.value() == null);
  }

  YamlNode raw(String name) {
    return node.fields().get(name);
  }

  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  Fields object(String name, Set<String> allowed) {
    return has(name) ? of(file, pathOf(name), raw(name), allowed) : null;
  }

  String string(String name) {
    return has(name) ? scalar(name, raw(name), String.class, "a string") : null;
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null || value.isBlank()) {
      throw error(file, node.line(), pathOf(name), "required field missing (expected a string)");
    }
    return value;
  }

  Boolean bool(String name) {
    return has(name) ? scalar(name, raw(name), Boolean.class, "a boolean (true or false)") : null;
  }

  Long number(String name) {
    return has(name) ? scalar(name, raw(name), Long.class, "an integer") : null;
  }

  String oneOf(String name, Set<String> values) {
    String value = string(name);
    if (value != null && !values.contains(value)) {
      throw error(
          file,
          raw(name).line(),
          pathOf(name),
          "expected one of " + String.join(", ", new TreeSet<>(values)) + ", got '" + value + "'");
    }
    return value;
  }

  List<String> stringList(String name) {
    return list(name, (item, i) -> scalar(name + "[" + i + "]", item, String.class, "a string"));
  }

  /** A list of mappings or scalars, each mapped by {@code each(node, path)}. */
  <T> List<T> list(String name, ItemMapper<T> each) {
    if (!has(name)) {
      return List.of();
    }
    YamlNode value = raw(name);
    if (!(value instanceof ListNode items)) {
      throw error(file, value.line(), pathOf(name), "expected a list, got " + value.describe());
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.items().size(); i++) {
      out.add(each.map(items.items().get(i), i));
    }
    return out;
  }

  /** A mapping of string keys to string values (numbers and booleans are rejected, quote them). */
  Map<String, String> stringMap(String name) {
    if (!has(name)) {
      return Map.of();
    }
    YamlNode value = raw(name);
    if (!(value instanceof MapNode map)) {
      throw error(file, value.line(), pathOf(name), "expected a mapping, got " + value.describe());
    }
    Map<String, String> out = new TreeMap<>();
    map.fields().forEach((k, v) -> out.put(k, scalar(name + "." + k, v, String.class, "a string")));
    return out;
  }

  <T> T scalar(String name, YamlNode value, Class<T> type, String expected) {
    if (value instanceof ScalarNode s && type.isInstance(s.value())) {
      return type.cast(s.value());
    }
    throw error(
        file, value.line(), pathOf(name), "expected " + expected + ", got " + value.describe());
  }

  <T> T mapScalar(String name, Function<String, T> parse) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw error(file, raw(name).line(), pathOf(name), e.getMessage());
    }
  }

  static IllegalArgumentException error(String file, int line, String field, String message) {
    return new IllegalArgumentException(file + ":" + line + ": field '" + field + "': " + message);
  }

  @FunctionalInterface
  interface ItemMapper<T> {
    T map(YamlNode item, int index);
  }
}
