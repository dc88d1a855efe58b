package io.splitcheck.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the reports of {@code run --shard I/N} jobs into the report one unsharded run writes: the
 * scenarios of all shards in name order (the order a run reports them in), the earliest start, and
 * the run id given (CI's own id for the nightly) or else the first shard's.
 */
public final class ReportMerger {
  private ReportMerger() {}

  public static RunReport merge(List<RunReport> shards, String runId) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("merge-reports: expected at least one report directory");
    }
    Map<String, String> seen = new HashMap<>();
    List<ScenarioReport> scenarios = new ArrayList<>();
    for (RunReport shard : shards) {
      if (shard.schemaVersion() != RunReport.SCHEMA_VERSION) {
        throw new IllegalArgumentException(
            "merge-reports: run "
                + shard.runId()
                + " has schema version "
                + shard.schemaVersion()
                + ", expected "
                + RunReport.SCHEMA_VERSION);
      }
      for (ScenarioReport s : shard.scenarios()) {
        String other = seen.put(s.name(), shard.runId());
        if (other != null) {
          throw new IllegalArgumentException(
              "merge-reports: scenario '"
                  + s.name()
                  + "' is in both run "
                  + other
                  + " and run "
                  + shard.runId()
                  + " (were the shards of one --shard I/N split?)");
        }
        scenarios.add(s);
      }
    }
    scenarios.sort(Comparator.comparing(ScenarioReport::name));
    Instant start =
        shards.stream().map(RunReport::startedAt).min(Comparator.naturalOrder()).orElseThrow();
    RunReport first = shards.get(0);
    return new RunReport(
        first.schemaVersion(),
        runId != null ? runId : first.runId(),
        start,
        first.tool(),
        scenarios);
  }
}
