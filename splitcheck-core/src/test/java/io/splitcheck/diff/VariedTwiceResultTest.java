package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.diff.VariedTwiceResult.PathSensitivity;
import io.splitcheck.diff.VariedTwiceResult.Varied;
import io.splitcheck.diff.VariedTwiceResult.VariedKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariedTwiceResultTest {
  private static final ImageComparison.ImageSide SIDE =
      new ImageComparison.ImageSide("sha256:a", List.of("l0"));

  private static Difference diff(String path, DiffKind... kinds) {
    return new Difference(0, "RUN x", path, List.of(kinds), "");
  }

  private static ImageComparison comparison(
      Verdict verdict, List<String> config, Difference... diffs) {
    return new ImageComparison(SIDE, SIDE, verdict, config, true, List.of(diffs), List.of());
  }

  private static final TwiceResult CONTROL =
      TwiceResult.of(
          "ctx",
          comparison(
              Verdict.MTIME_ONLY,
              List.of("$.created"),
              diff("/epoch", DiffKind.MTIME),
              diff("/noise", DiffKind.CONTENT)),
          List.of(),
          List.of());

  @Test
  void aPathIsSensitive_onlyForTheKindsTheControlDidNotShow() {
    VariedTwiceResult r =
        VariedTwiceResult.of(
            CONTROL,
            List.of(
                new Varied(
                    "time",
                    "SOURCE_DATE_EPOCH",
                    comparison(
                        Verdict.CONTENT,
                        List.of("$.created"),
                        diff("/epoch", DiffKind.CONTENT, DiffKind.MTIME),
                        diff("/noise", DiffKind.CONTENT)))));

    assertEquals(
        List.of(
            new PathSensitivity(
                "/epoch",
                List.of(DiffKind.MTIME),
                List.of(new VariedKinds("time", List.of(DiffKind.CONTENT))))),
        r.sensitivity());
    assertEquals(1, r.variants().get(0).sensitivePaths());
    assertEquals(2, r.variants().get(0).differingPaths());
  }

  @Test
  void aPathAndAConfigFieldTheControlSawEqual_areSensitiveWithAllTheirKinds_sortedByPath() {
    VariedTwiceResult r =
        VariedTwiceResult.of(
            CONTROL,
            List.of(
                new Varied(
                    "umask",
                    "g+w",
                    comparison(
                        Verdict.METADATA,
                        List.of("$.created", "$.rootfs.diff_ids[1]"),
                        diff("/hello.txt", DiffKind.MODE))),
                new Varied(
                    "mtime",
                    "+398 days",
                    comparison(
                        Verdict.MTIME_ONLY, List.of(), diff("/hello.txt", DiffKind.MTIME)))));

    assertEquals(
        List.of("/hello.txt", "config $.rootfs.diff_ids[1]"),
        r.sensitivity().stream().map(PathSensitivity::path).toList());
    assertEquals(
        List.of(
            new VariedKinds("umask", List.of(DiffKind.MODE)),
            new VariedKinds("mtime", List.of(DiffKind.MTIME))),
        r.sensitivity().get(0).variations());
    assertEquals(List.of("umask", "mtime"), r.variationsOf("/hello.txt"));
    assertEquals(List.of(), r.variationsOf("/noise"));
  }

  @Test
  void umaskAndOrder_neverMoveAnMtime_theBuildClockDoes() {
    // the control's two builds shared one second (no /dev difference); the varied ones ran later
    VariedTwiceResult r =
        VariedTwiceResult.of(
            CONTROL,
            List.of(
                new Varied(
                    "order",
                    "reversed",
                    comparison(Verdict.MTIME_ONLY, List.of(), diff("/dev", DiffKind.MTIME))),
                new Varied(
                    "umask",
                    "g+w",
                    comparison(
                        Verdict.METADATA,
                        List.of(),
                        diff("/dev", DiffKind.MTIME),
                        diff("/hello.txt", DiffKind.MODE, DiffKind.MTIME))),
                new Varied(
                    "time",
                    "+398 days",
                    comparison(Verdict.MTIME_ONLY, List.of(), diff("/dev", DiffKind.MTIME)))));

    assertEquals(List.of("time"), r.variationsOf("/dev"));
    assertEquals(
        List.of(new VariedKinds("umask", List.of(DiffKind.MODE))),
        r.sensitivity().stream()
            .filter(p -> p.path().equals("/hello.txt"))
            .findFirst()
            .orElseThrow()
            .variations());
    assertEquals(0, r.variants().get(0).sensitivePaths());
  }
}
