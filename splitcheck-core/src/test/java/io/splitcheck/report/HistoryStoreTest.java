package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  @TempDir Path root;

  @Test
  void record_comparesWithPreviousRun_andWritesChanges() throws IOException {
    HistoryStore store = new HistoryStore(root);
    Changes first = store.record(ChangeDetectorTest.load("previous.json"), 5);
    assertEquals(null, first.previousRunId());
    Changes second = store.record(ChangeDetectorTest.load("current.json"), 5);
    assertEquals("20261125-020000-100", second.previousRunId());
    assertEquals(1, second.baseDrifts().size());
    String md = Files.readString(root.resolve("changes.md"));
    assertTrue(md.contains("`splitcheck-test/drift-base:bookworm`: sha256:aaa -> sha256:bbb"), md);
    assertTrue(Files.isRegularFile(root.resolve("20261126-020000-200/index.html")));
    assertTrue(Files.isRegularFile(root.resolve("20261126-020000-200/changes.md")));
  }

  @Test
  void record_keepsOnlyTheNewestRuns_andLeavesOtherFilesAlone() throws IOException {
    HistoryStore store = new HistoryStore(root);
    Files.createDirectories(root.resolve("notes"));
    RunReport base = ChangeDetectorTest.load("current.json");
    for (String id : List.of("20261120-1", "20261121-1", "20261122-1")) {
      store.record(new RunReport(1, id, base.startedAt(), base.tool(), base.scenarios()), 2);
    }
    assertEquals(
        List.of("20261121-1", "20261122-1"),
        store.runs().stream().map(p -> p.getFileName().toString()).toList());
    assertTrue(Files.isDirectory(root.resolve("notes")));
  }

  @Test
  void record_rejectsKeepBelowOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new HistoryStore(root).record(ChangeDetectorTest.load("current.json"), 0));
  }
}
