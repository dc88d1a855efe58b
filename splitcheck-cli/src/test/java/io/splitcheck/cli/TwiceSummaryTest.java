package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.Verdict;
import io.splitcheck.diff.explain.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwiceSummaryTest {
  private static TwiceResult result(Verdict verdict, List<Difference> differences) {
    ImageComparison.ImageSide side = new ImageComparison.ImageSide("sha256:1", List.of("sha256:a"));
    return new TwiceResult(
        "ctx", side, side, verdict, List.of("$.created"), differences, List.of(), List.of());
  }

  @Test
  void render_showsWhatDiffersInsideTheFile_andHowToFixIt_withThePathsEachFixRemoves() {
    Explanation gz =
        new Explanation(
            "gzip",
            List.of("gzip-mtime", "gzip-no-n"),
            List.of(
                "header MTIME: 1 -> 2",
                "the decompressed data is equal (10 bytes): only the gzip stream differs"));
    String text =
        TwiceSummary.render(
            result(
                Verdict.CONTENT,
                List.of(
                    new Difference(
                        1,
                        "RUN gzip doc",
                        "/doc.gz",
                        List.of(DiffKind.CONTENT),
                        "content: ...",
                        gz),
                    new Difference(
                        1,
                        "RUN apt-get update",
                        "/var/lib/apt/lists/x_InRelease",
                        List.of(DiffKind.CONTENT),
                        "c"),
                    new Difference(
                        1,
                        "RUN apt-get update",
                        "/var/lib/apt/lists/y_Packages",
                        List.of(DiffKind.CONTENT),
                        "c"))));
    assertTrue(text.contains("      inside (gzip):\n        header MTIME: 1 -> 2\n"), text);
    assertTrue(
        text.contains(
            "     2  apt-lists: apt package lists\n        fix: rm -rf /var/lib/apt/lists/*"),
        text);
    assertTrue(text.contains("     1  gzip-no-n: "), text);
    assertTrue(text.contains("     1  config-timestamps: "), text);
  }

  @Test
  void render_foldsThePathsThatDifferOnlyInTheirMtime_underThePathsThatDifferMore() {
    String text =
        TwiceSummary.render(
            result(
                Verdict.CONTENT,
                List.of(
                    new Difference(1, "RUN apt", "/etc", List.of(DiffKind.MTIME), "mtime: a -> b"),
                    new Difference(1, "RUN apt", "/usr", List.of(DiffKind.MTIME), "mtime: a -> b"),
                    new Difference(
                        1,
                        "RUN apt",
                        "/var/log/dpkg.log",
                        List.of(DiffKind.CONTENT),
                        "content: x"))));
    assertTrue(
        text.contains(
            "  layer 1  RUN apt\n    /var/log/dpkg.log  [content]  content: x\n"
                + "    + 2 paths differ only in their mtime: /etc, /usr\n"),
        text);
  }

  @Test
  void accepted_isTheVerdictOrBetter() {
    assertTrue(result(Verdict.CONFIG_ONLY, List.of()).accepted(Verdict.CONFIG_ONLY));
    assertTrue(result(Verdict.CONFIG_ONLY, List.of()).accepted(Verdict.MTIME_ONLY));
    assertEquals(false, result(Verdict.MTIME_ONLY, List.of()).accepted(Verdict.CONFIG_ONLY));
    assertEquals(false, result(Verdict.CONFIG_ONLY, List.of()).accepted(null));
  }
}
