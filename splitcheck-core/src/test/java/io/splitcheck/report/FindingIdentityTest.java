package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.splitcheck.audit.Evidence;
import io.splitcheck.audit.Finding;
import io.splitcheck.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingIdentityTest {
  private static Finding cache(String log) {
    return new Finding(
        "cache.hit-ratio", Severity.INFO, "3 of 5 steps CACHED (60%)", Evidence.path(log));
  }

  private static RunReport night(String runId, String day, Finding... findings) {
    ScenarioReport s =
        new ScenarioReport(
            "cache-busting",
            "scenarios/cache-busting",
            "sha256:1",
            List.of(),
            null,
            null,
            new AuditResult(List.of(findings)),
            List.of());
    return RunReport.of(runId, Clock.fixed(Instant.parse(day), ZoneOffset.UTC), List.of(s));
  }

  @Test
  void compare_findsNoChange_whenOnlyTheTempFolderAndRunIdDiffer() {
    RunReport monday =
        night(
            "20261130-020000-411",
            "2026-11-30T02:00:00Z",
            cache("/tmp/splitcheck-cache-check-5103326046712398011/first.log"),
            cache("/tmp/splitcheck-cache-check-5103326046712398011/second.log"));
    RunReport tuesday =
        night(
            "20261201-020000-977",
            "2026-12-01T02:00:00Z",
            cache("/tmp/splitcheck-cache-check-88213970114/first.log"),
            cache("/tmp/splitcheck-cache-check-88213970114/second.log"));

    Changes c = new ChangeDetector().compare(monday, tuesday);

    assertEquals(List.of(), c.newFindings());
    assertEquals(List.of(), c.fixedFindings());
  }

  @Test
  void compare_stillReportsAFindingWhosePathReallyChanged() {
    RunReport monday =
        night(
            "20261130-020000-411",
            "2026-11-30T02:00:00Z",
            new Finding("leak.private-key", Severity.ERROR, "key", Evidence.path("/app/id_rsa")));
    RunReport tuesday =
        night(
            "20261201-020000-977",
            "2026-12-01T02:00:00Z",
            new Finding("leak.private-key", Severity.ERROR, "key", Evidence.path("/srv/id_rsa")));

    Changes c = new ChangeDetector().compare(monday, tuesday);

    assertEquals(
        List.of("/srv/id_rsa"), c.newFindings().stream().map(Changes.FindingChange::path).toList());
    assertEquals(
        List.of("/app/id_rsa"),
        c.fixedFindings().stream().map(Changes.FindingChange::path).toList());
  }

  @Test
  void of_dropsWorkFolderSuffixesAndRunIds_keepsTheRest() {
    assertEquals(
        "<tmp>/splitcheck-cache-check*/first.log",
        FindingIdentity.stablePath("/tmp/splitcheck-cache-check-5103326046712398011/first.log"));
    assertEquals(
        "<tmp>/splitcheck-twice*/splitcheck-twice_<run>_first.log",
        FindingIdentity.stablePath(
            "/tmp/splitcheck-twice-42424242/splitcheck-twice_20261202-020809-27440_first.log"));
    assertEquals(
        "/usr/lib/x86_64-linux-gnu/libssl.so.3",
        FindingIdentity.stablePath("/usr/lib/x86_64-linux-gnu/libssl.so.3"));
    assertNotEquals(FindingIdentity.of(cache("/a")), FindingIdentity.of(cache("/b")));
  }
}
