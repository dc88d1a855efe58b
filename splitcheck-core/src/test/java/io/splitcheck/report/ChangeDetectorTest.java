package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.report.Changes.Drift;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
  private static final Path DIR = Golden.DIR.resolve("history");

  static RunReport load(String name) throws IOException {
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      return ReportJson.read(in, name);
    }
  }

  private static Changes changes() throws IOException {
    return new ChangeDetector().compare(load("previous.json"), load("current.json"));
  }

  @Test
  void compare_reportsNewAndFixedSplits() throws IOException {
    Changes c = changes();
    assertEquals(
        List.of("read-only"), c.newSplits().stream().map(Changes.SplitChange::config).toList());
    assertEquals(
        "read-only: exit 1 (unconfined: exit 0) <- openat = -1 EROFS [read-only]",
        c.newSplits().get(0).line());
    assertEquals(
        List.of("restricted"), c.fixedSplits().stream().map(Changes.SplitChange::config).toList());
  }

  @Test
  void compare_reportsNewFindingsByRuleAndPath() throws IOException {
    Changes c = changes();
    assertEquals(1, c.newFindings().size());
    assertEquals("leak.private-key", c.newFindings().get(0).rule());
    assertTrue(c.fixedFindings().isEmpty());
  }

  @Test
  void compare_reportsVerdictThatGotWorse() throws IOException {
    Changes c = changes();
    assertEquals(
        List.of(
            new Changes.Regression(
                "deterministic-build", "config-only", "content", List.of("/etc/motd"))),
        c.reproducibilityRegressions());
  }

  @Test
  void compare_reportsBaseDriftWithOldNewDigestAndUsers() throws IOException {
    assertEquals(
        List.of(
            new Drift(
                "splitcheck-test/drift-base:bookworm",
                "sha256:aaa",
                "sha256:bbb",
                List.of("base-drift"))),
        changes().baseDrifts());
  }

  @Test
  void compare_listsAddedAndRemovedScenarios() throws IOException {
    Changes c = changes();
    assertEquals(List.of("new-scenario"), c.addedScenarios());
    assertEquals(List.of("old-scenario"), c.removedScenarios());
  }

  @Test
  void compare_findsNothing_forTheSameRun() throws IOException {
    RunReport run = load("current.json");
    assertTrue(new ChangeDetector().compare(run, run).isEmpty());
  }

  @Test
  void compare_withoutPreviousRun_listsScenariosOnly() throws IOException {
    Changes c = new ChangeDetector().compare(null, load("current.json"));
    assertEquals(4, c.addedScenarios().size());
    assertTrue(c.newSplits().isEmpty() && c.baseDrifts().isEmpty());
  }

  @Test
  void markdown_matchesGolden() throws IOException {
    Golden.assertMatches("history/changes.md", new ChangesRenderer().markdown(changes()));
  }
}
