package io.splitcheck.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finding severities, least severe first. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** Parses {@code info}, {@code warning} (or {@code warn}), {@code error}, case-insensitive. */
  public static Severity parse(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    if (t.equals("WARN")) {
      return WARNING;
    }
    for (Severity s : values()) {
      if (s.name().equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Error parsing severity '" + text + "': expected one of "
        + Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", ")));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
