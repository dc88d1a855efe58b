package io.splitcheck.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of splitcheck, for options, scenario files and the fluent API alike:
 * {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT1M30S}).
 * Durations longer than {@link #MAX} are refused (they would overflow the clock arithmetic of a
 * deadline), as is anything negative.
 */
public final class Durations {
  /** The longest duration any splitcheck setting takes: 30 days. */
  public static final Duration MAX = Duration.ofDays(30);

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * @param what names the setting in the error: {@code --timeout}, {@code scenario.yaml: timeout}
   * @throws IllegalArgumentException {@code Error parsing <what> '<text>': expected ...}
   */
  public static Duration parse(String text, String what) {
    String t = text == null ? "" : text.strip();
    Duration d = simple(t);
    if (d == null) {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw error(text, what, "expected a duration like 500ms, 90s, 10m, 2h, 1d");
      }
    }
    if (d.isNegative()) {
      throw error(text, what, "expected a duration that is not negative");
    }
    if (d.compareTo(MAX) > 0) {
      throw error(text, what, "expected at most 30d");
    }
    return d;
  }

  /** As {@link #parse}, and more than zero. */
  public static Duration positive(String text, String what) {
    Duration d = parse(text, what);
    if (d.isZero()) {
      throw error(text, what, "expected a duration greater than zero");
    }
    return d;
  }

  private static Duration simple(String t) {
    Matcher m = SIMPLE.matcher(t);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    try {
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      return Duration.ofSeconds(Long.MAX_VALUE); // refused as longer than MAX
    }
  }

  private static IllegalArgumentException error(String text, String what, String expected) {
    return new IllegalArgumentException("Error parsing " + what + " '" + text + "': " + expected);
  }
}
