package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two image configs: the JSON paths whose values differ, e.g. {@code
 * $.created}, {@code $.history[3].created}, {@code $.config.Labels.build}. Sorted.
 */
public final class ConfigDiffer {
  private ConfigDiffer() {}

  public static List<String> diff(JsonNode first, JsonNode second) {
    List<String> out = new ArrayList<>();
    walk("$", first, second, out);
    return out.stream().sorted(ConfigDiffer::comparePaths).toList();
  }

  private static void walk(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a == null || b == null || a.isMissingNode() || b.isMissingNode()) {
      if (!(isAbsent(a) && isAbsent(b))) {
        out.add(path);
      }
    } else if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        walk(path + "." + name, a.get(name), b.get(name), out);
      }
    } else if (a.isArray() && b.isArray()) {
      int n = Math.max(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        walk(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
    } else if (!a.equals(b)) {
      out.add(path);
    }
  }

  private static boolean isAbsent(JsonNode n) {
    return n == null || n.isMissingNode();
  }

  /** Orders {@code $.history[10]} after {@code $.history[9]}. */
  static int comparePaths(String x, String y) {
    Iterator<String> a = List.of(x.split("(?=[.\\[])")).iterator();
    Iterator<String> b = List.of(y.split("(?=[.\\[])")).iterator();
    while (a.hasNext() && b.hasNext()) {
      String p = a.next();
      String q = b.next();
      int c =
          p.startsWith("[") && q.startsWith("[")
              ? Integer.compare(index(p), index(q))
              : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(a.hasNext(), b.hasNext());
  }

  private static int index(String bracket) {
    return Integer.parseInt(bracket.substring(1, bracket.length() - 1));
  }
}
