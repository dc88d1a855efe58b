package io.splitcheck.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much a finding matters: the one severity of audit findings, {@code failOn} and {@code
 * noFindingsAbove}. Declared most severe first, which is also the report order; compare with {@link
 * #atLeast} and {@link #above}, not {@code compareTo}.
 */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** Whether this is more severe than {@code other}. */
  public boolean above(Severity other) {
    return ordinal() < other.ordinal();
  }

  /** {@code error}, {@code warning}, {@code info}. */
  public String label() {
    return id();
  }

  /**
   * @throws IllegalArgumentException for anything but error, warning (or warn), info (any case)
   */
  @JsonCreator
  public static Severity parse(String s) {
    String t = s == null ? "" : s.strip();
    if (t.equalsIgnoreCase("warn")) {
      return WARNING;
    }
    for (Severity v : values()) {
      if (v.id().equalsIgnoreCase(t)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Error parsing severity '" + s + "': expected error, warning or info");
  }
}
