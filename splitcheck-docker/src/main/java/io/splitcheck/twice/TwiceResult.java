package io.splitcheck.twice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * What {@code splitcheck twice} found: the JSON document it writes (deterministic: no times) plus the
 * build times for the console.
 */
@JsonPropertyOrder({"context", "reproducible", "verdict", "first", "second", "configDifferences",
    "differences", "notes"})
public record TwiceResult(String context, ImageComparison.ImageSide first, ImageComparison.ImageSide second,
                          Verdict verdict, List<String> configDifferences, List<Difference> differences,
                          List<String> notes, @JsonIgnore List<Duration> buildTimes) {
  public TwiceResult {
    configDifferences = List.copyOf(configDifferences);
    differences = List.copyOf(differences);
    notes = List.copyOf(notes);
    buildTimes = List.copyOf(buildTimes);
  }

  @com.fasterxml.jackson.annotation.JsonProperty("reproducible")
  public boolean reproducible() {
    return verdict == Verdict.REPRODUCIBLE;
  }

  static TwiceResult of(String context, ImageComparison c, List<String> notes, List<Duration> times) {
    return new TwiceResult(context, c.first(), c.second(), c.verdict(), c.configDifferences(),
        c.differences(), notes, times);
  }
}
