package io.splitcheck.report;

import java.util.Objects;

/**
 * One testcase: a check of one scenario, compared with the scenario's expectations.
 *
 * @param check build, twice, matrix or audit
 * @param expected the expectation, in words ({@code split in prod with getrandom/EPERM})
 * @param actual what happened, in words
 * @param message {@code expected X, got Y} for a failure; the error text for an error; else empty
 * @param millis how long the check took
 */
public record CheckOutcome(
    String check, Status status, String expected, String actual, String message, long millis) {

  public CheckOutcome {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    expected = expected == null ? "" : expected;
    actual = actual == null ? "" : actual;
    message = message == null ? "" : message;
  }

  public enum Status {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
  }

  public boolean passed() {
    return status == Status.PASSED || status == Status.SKIPPED;
  }

  public CheckOutcome withMillis(long value) {
    return new CheckOutcome(check, status, expected, actual, message, value);
  }
}
