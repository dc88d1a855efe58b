package io.splitcheck.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the start time back out of a run id ({@code yyyyMMdd-HHmmss-pid}). */
final class RunIds {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private RunIds() {}

  static Instant startOf(String runId) {
    if (runId == null || runId.length() < 15) {
      return null;
    }
    try {
      return LocalDateTime.parse(runId.substring(0, 15), FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
