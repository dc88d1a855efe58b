package io.splitcheck.engine;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A run id: UTC time from the injected clock plus this process's pid, e.g. {@code
 * 20261126-161500-4242}.
 */
public final class RunId {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private RunId() {}

  public static String next(Clock clock) {
    return FORMAT.format(clock.instant()) + "-" + ProcessHandle.current().pid();
  }
}
