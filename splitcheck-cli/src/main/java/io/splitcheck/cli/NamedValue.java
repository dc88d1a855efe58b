package io.splitcheck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A {@code NAME=VALUE} option value, e.g. {@code --profile prod=prod.json}. */
record NamedValue(String name, String value) {
  static NamedValue parse(String option, String s) {
    int eq = s.indexOf('=');
    if (eq <= 0 || eq == s.length() - 1) {
      throw new IllegalArgumentException(
          "Error parsing " + option + " '" + s + "': expected NAME=VALUE");
    }
    return new NamedValue(s.substring(0, eq), s.substring(eq + 1));
  }

  /** {@code NAME=VALUE} options as an ordered map; a name given twice is an error. */
  static <V> Map<String, V> toMap(String option, List<String> values, Function<String, V> convert) {
    Map<String, V> map = new LinkedHashMap<>();
    for (String s : values) {
      NamedValue nv = parse(option, s);
      if (map.put(nv.name(), convert.apply(nv.value())) != null) {
        throw new IllegalArgumentException(
            option + " '" + s + "': cell name '" + nv.name() + "' is given twice");
      }
    }
    return map;
  }
}
