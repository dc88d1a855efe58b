package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.scenario.Shard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportMergerTest {
  @TempDir Path dir;

  /**
   * Shards are written and read back as the CI jobs would, then merged; all three files must match.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void merge_ofShardReports_writesTheSameFilesAsTheUnshardedRun(int count) throws Exception {
    RunReport sample = ReportSamples.sample();
    List<ScenarioReport> byName = new ArrayList<>(sample.scenarios());
    byName.sort(Comparator.comparing(ScenarioReport::name)); // the order `run` reports in
    RunReport whole =
        new RunReport(
            sample.schemaVersion(), sample.runId(), sample.startedAt(), sample.tool(), byName);
    assertTrue(whole.scenarios().size() >= 2, "the sample must have scenarios to split");
    new ReportWriter().write(whole, dir.resolve("whole"));
    List<RunReport> shards = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      List<ScenarioReport> part =
          new Shard(i, count).select(whole.scenarios(), ScenarioReport::name);
      Path shardDir = dir.resolve("shard" + i);
      new ReportWriter()
          .write(
              new RunReport(
                  whole.schemaVersion(), "shard-" + i, whole.startedAt(), whole.tool(), part),
              shardDir);
      shards.add(ReportWriter.read(shardDir));
    }
    new ReportWriter().write(ReportMerger.merge(shards, whole.runId()), dir.resolve("merged"));

    for (String file : List.of(ReportWriter.JSON, ReportWriter.JUNIT, ReportWriter.HTML)) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("whole").resolve(file)),
          Files.readAllBytes(dir.resolve("merged").resolve(file)),
          file + " differs after merging " + count);
    }
  }

  @Test
  void merge_rejectsAScenarioInTwoShards_namingBothRuns() {
    RunReport whole = ReportSamples.sample();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReportMerger.merge(List.of(whole, whole), null));
    assertTrue(e.getMessage().contains("is in both run " + whole.runId()), e.getMessage());
  }
}
