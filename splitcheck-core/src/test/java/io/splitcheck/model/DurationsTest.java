package io.splitcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parse_readsEveryUnitAndIso8601() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms", "--timeout"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("90s", "--timeout"));
    assertEquals(Duration.ofMinutes(10), Durations.parse("10m", "--timeout"));
    assertEquals(Duration.ofHours(2), Durations.parse("2h", "--timeout"));
    assertEquals(Duration.ofDays(1), Durations.parse("1d", "--timeout"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("PT1M30S", "--timeout"));
  }

  @Test
  void parse_namesTheSettingAndTheGrammar_whenTheTextIsNoDuration() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Durations.parse("soon", "scenario.yaml: timeout"));
    assertEquals(
        "Error parsing scenario.yaml: timeout 'soon': expected a duration like 500ms, 90s, 10m, 2h, 1d",
        e.getMessage());
  }

  @Test
  void parse_refusesWhatWouldOverflow_insteadOfThrowingArithmeticException() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Durations.parse("9999999999999999d", "--timeout"));
    assertEquals(
        "Error parsing --timeout '9999999999999999d': expected at most 30d", e.getMessage());
  }

  @Test
  void positive_refusesZero() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.positive("0s", "timeout"));
    assertEquals(
        "Error parsing timeout '0s': expected a duration greater than zero", e.getMessage());
  }
}
