package io.splitcheck.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters; declared most severe first, which is also the report order. */
public enum Severity {
  ERROR, WARNING, INFO;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** @throws IllegalArgumentException for anything but error, warning, info (any case) */
  @JsonCreator
  public static Severity parse(String s) {
    for (Severity v : values()) {
      if (v.id().equalsIgnoreCase(s.strip())) {
        return v;
      }
    }
    throw new IllegalArgumentException("Error parsing severity '" + s + "': expected error, warning or info");
  }
}
