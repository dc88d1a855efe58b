package io.splitcheck.diff.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CausesTest {
  private static Difference d(String step, String path, List<DiffKind> kinds, Explanation e) {
    return new Difference(1, step, path, kinds, "", e);
  }

  private static Explanation evidence(String format, String... tags) {
    return new Explanation(format, List.of(tags), List.of());
  }

  @Test
  void match_groupsPathsByCause_countingThePathsEachFixRemoves() {
    String apt = "RUN apt-get update && apt-get install -y hello";
    List<Difference> diffs =
        List.of(
            d(
                apt,
                "/var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease",
                List.of(DiffKind.CONTENT),
                null),
            d(apt, "/var/lib/apt/lists/partial", List.of(DiffKind.MTIME), null),
            d(apt, "/var/cache/apt/pkgcache.bin", List.of(DiffKind.CONTENT), null),
            d(apt, "/var/log/apt/history.log", List.of(DiffKind.CONTENT), null),
            d(apt, "/var/log/dpkg.log", List.of(DiffKind.CONTENT), null),
            d(apt, "/var/cache/ldconfig/aux-cache", List.of(DiffKind.CONTENT), null),
            d(
                "RUN python3 -m compileall /app",
                "/app/__pycache__/m.cpython-311.pyc",
                List.of(DiffKind.CONTENT),
                evidence("pyc", "pyc-timestamp-based", "pyc-source-mtime")),
            d(
                "RUN gzip doc",
                "/doc.gz",
                List.of(DiffKind.CONTENT),
                evidence("gzip", "gzip-mtime", "gzip-no-n")),
            d(
                "RUN useradd app",
                "/etc/shadow",
                List.of(DiffKind.CONTENT),
                evidence("shadow", "shadow-lastchg")),
            d("COPY app /app", "/app", List.of(DiffKind.MTIME), null),
            d(
                "RUN python3 -m compileall /app",
                "/app/__pycache__/n.cpython-311.pyc",
                List.of(DiffKind.MTIME),
                null),
            d("RUN date > /stamp", "/stamp", List.of(DiffKind.CONTENT), evidence("text", "text")));
    Map<String, Integer> counts =
        Causes.match(diffs, List.of("$.created", "$.history[1].created")).stream()
            .collect(Collectors.toMap(CauseGroup::id, CauseGroup::paths));
    assertEquals(
        Map.ofEntries(
            Map.entry("apt-lists", 2),
            Map.entry("apt-cache", 1),
            Map.entry("apt-logs", 1),
            Map.entry("dpkg-logs", 1),
            Map.entry("ldconfig-aux-cache", 1),
            Map.entry("pyc-timestamp", 1),
            Map.entry("gzip-no-n", 1),
            Map.entry("useradd-lastchg", 1),
            Map.entry("copy-dir-mtime", 1),
            Map.entry("build-time-mtime", 1),
            Map.entry("config-timestamps", 2)),
        counts);
    assertEquals(List.of("/stamp"), Causes.unmatched(diffs));
  }

  @Test
  void match_givesAWhiteoutThatDiffersOnlyInItsMtime_toTheBuildTime_notToTheDeletedPathsCause() {
    List<Difference> diffs =
        List.of(
            new Difference(
                1,
                "RUN ldconfig && rm -f /var/cache/ldconfig/aux-cache",
                "/var/cache/ldconfig/aux-cache",
                List.of(DiffKind.MTIME),
                "deleted in this layer (whiteout) in both builds; mtime: 2026-12-02T02:10:07Z -> 2026-12-02T02:10:09Z"));
    assertEquals(
        List.of("build-time-mtime"),
        Causes.match(diffs, List.of()).stream().map(CauseGroup::id).toList());
  }

  @Test
  void match_sendsGzipWithOtherDataToNoGzipCause() {
    List<Difference> diffs =
        List.of(
            d(
                "RUN x",
                "/a.gz",
                List.of(DiffKind.CONTENT),
                evidence("gzip", "gzip-mtime", "gzip-no-n", "gzip-payload", "text")));
    assertEquals(List.of(), Causes.match(diffs, List.of()));
  }
}
