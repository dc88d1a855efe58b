package io.splitcheck.report;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.Verdict;
import java.util.List;
import java.util.Locale;

/** Twice results for report tests, written the way a report reads: verdict and kinds by id. */
public final class Twices {
  private Twices() {}

  public static TwiceResult of(
      String context,
      boolean reproducible,
      String verdict,
      ImageComparison.ImageSide first,
      ImageComparison.ImageSide second,
      List<String> configDifferences,
      List<Difference> differences,
      List<String> notes) {
    TwiceResult t =
        new TwiceResult(
            context,
            first,
            second,
            Verdict.of(verdict),
            configDifferences,
            differences,
            notes,
            List.of());
    if (t.reproducible() != reproducible) {
      throw new IllegalArgumentException(
          "verdict " + verdict + " is not reproducible=" + reproducible);
    }
    return t;
  }

  public static Difference diff(
      int layer, String step, String path, List<String> kinds, String detail) {
    return new Difference(
        layer,
        step,
        path,
        kinds.stream().map(k -> DiffKind.valueOf(k.toUpperCase(Locale.ROOT))).toList(),
        detail);
  }
}
