package io.splitcheck.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT1M}. */
final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String option, String s) {
    Matcher m = SIMPLE.matcher(s.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(s.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("Error parsing " + option + " '" + s
          + "': expected e.g. 500ms, 60s, 2m, 1h or PT1M");
    }
  }
}
