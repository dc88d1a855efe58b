package io.splitcheck.twice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.Verdict;
import io.splitcheck.diff.explain.CauseGroup;
import io.splitcheck.diff.explain.Causes;
import java.time.Duration;
import java.util.List;

/**
 * What {@code splitcheck twice} found: the JSON document it writes (deterministic: no times) plus the
 * build times for the console.
 *
 * @param causes the known causes the differences show, each with its fix and how many paths it removes
 */
@JsonPropertyOrder({"context", "reproducible", "verdict", "first", "second", "configDifferences",
    "differences", "causes", "notes"})
public record TwiceResult(String context, ImageComparison.ImageSide first, ImageComparison.ImageSide second,
                          Verdict verdict, List<String> configDifferences, List<Difference> differences,
                          List<String> notes, @JsonIgnore List<Duration> buildTimes, List<CauseGroup> causes) {
  public TwiceResult {
    configDifferences = List.copyOf(configDifferences);
    differences = List.copyOf(differences);
    notes = List.copyOf(notes);
    buildTimes = List.copyOf(buildTimes);
    causes = List.copyOf(causes);
  }

  /** The causes matched from the differences themselves. */
  public TwiceResult(String context, ImageComparison.ImageSide first, ImageComparison.ImageSide second,
                     Verdict verdict, List<String> configDifferences, List<Difference> differences,
                     List<String> notes, List<Duration> buildTimes) {
    this(context, first, second, verdict, configDifferences, differences, notes, buildTimes,
        Causes.match(differences, configDifferences));
  }

  @com.fasterxml.jackson.annotation.JsonProperty("reproducible")
  public boolean reproducible() {
    return verdict == Verdict.REPRODUCIBLE;
  }

  /** True when the verdict is {@code accept} or better (reproducible is always accepted). */
  public boolean accepted(Verdict accept) {
    return verdict.ordinal() <= (accept == null ? Verdict.REPRODUCIBLE : accept).ordinal();
  }

  static TwiceResult of(String context, ImageComparison c, List<String> notes, List<Duration> times) {
    return new TwiceResult(context, c.first(), c.second(), c.verdict(), c.configDifferences(),
        c.differences(), notes, times);
  }
}
