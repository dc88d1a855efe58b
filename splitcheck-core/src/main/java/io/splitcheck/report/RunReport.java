package io.splitcheck.report;

import io.splitcheck.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One {@code splitcheck run}: the root of {@code report.json}.
 *
 * @param schemaVersion the version of {@code reports/report.schema.json} this follows
 * @param startedAt the one timestamp of a report, from an injected {@link java.time.Clock}
 * @param scenarios in the order the scenarios were loaded (sorted by name)
 */
public record RunReport(
    int schemaVersion,
    String runId,
    Instant startedAt,
    String tool,
    List<ScenarioReport> scenarios) {

  public static final int SCHEMA_VERSION = Json.SCHEMA_VERSION;

  public RunReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
  }

  public static RunReport of(String runId, Clock clock, List<ScenarioReport> scenarios) {
    return new RunReport(SCHEMA_VERSION, runId, clock.instant(), "splitcheck 0.1.0", scenarios);
  }

  public boolean passed() {
    return scenarios.stream().allMatch(ScenarioReport::passed);
  }

  /** Counts of outcomes over all scenarios: [total, failed, errors, skipped]. */
  public int[] counts() {
    int[] c = new int[4];
    for (ScenarioReport s : scenarios) {
      for (CheckOutcome o : s.outcomes()) {
        c[0]++;
        switch (o.status()) {
          case FAILED -> c[1]++;
          case ERROR -> c[2]++;
          case SKIPPED -> c[3]++;
          default -> {}
        }
      }
    }
    return c;
  }
}
