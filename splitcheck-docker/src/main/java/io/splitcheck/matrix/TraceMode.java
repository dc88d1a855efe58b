package io.splitcheck.matrix;

import java.util.Locale;

/** {@code --trace}: which cells are re-run under the tracer. */
public enum TraceMode {
  /** The baseline and the cells that split. */
  AUTO,
  /** Every cell. */
  ALWAYS,
  /** None: verdicts only. */
  NEVER;

  public static TraceMode parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Error parsing --trace '" + s + "': expected auto, always or never");
    }
  }
}
