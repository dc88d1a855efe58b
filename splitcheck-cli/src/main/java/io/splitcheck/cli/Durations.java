package io.splitcheck.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as users write them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** The longest duration taken: ten years (every option's millis then fit a long many times over). */
  static final Duration MAX = Duration.ofDays(3650);

  public static Duration parse(String text, String option) {
    Duration d;
    try {
      d = parseUnbounded(text.trim());
    } catch (ArithmeticException | NumberFormatException e) {
      d = null; // more digits than a long holds, or more seconds than a Duration: too large either way
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + text + "': expected a duration like 500ms, 90s, 10m, 2h, 1d");
    }
    if (d == null || d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(option + " '" + text + "': too large, expected at most 3650d");
    }
    return d;
  }

  private static Duration parseUnbounded(String text) {
    Matcher m = SIMPLE.matcher(text);
    if (!m.matches()) {
      return Duration.parse(text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
