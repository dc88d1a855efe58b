package io.splitcheck.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.splitcheck.diff.explain.CauseGroup;
import io.splitcheck.diff.explain.Causes;
import java.time.Duration;
import java.util.List;

/**
 * What {@code splitcheck twice} found: the one record of a twice result, written as {@code twice
 * --json}, carried by report.json and rendered by every report (deterministic: no times), plus the
 * build times for the console. Read back from a report, {@code buildTimes} is empty.
 *
 * @param causes the known causes the differences show, each with its fix and how many paths it
 *     removes
 */
@JsonPropertyOrder({
  "context",
  "reproducible",
  "verdict",
  "first",
  "second",
  "configDifferences",
  "differences",
  "causes",
  "notes"
})
public record TwiceResult(
    String context,
    ImageComparison.ImageSide first,
    ImageComparison.ImageSide second,
    Verdict verdict,
    List<String> configDifferences,
    List<Difference> differences,
    List<String> notes,
    @JsonIgnore List<Duration> buildTimes,
    List<CauseGroup> causes) {
  public TwiceResult {
    configDifferences = configDifferences == null ? List.of() : List.copyOf(configDifferences);
    differences = differences == null ? List.of() : List.copyOf(differences);
    notes = notes == null ? List.of() : List.copyOf(notes);
    buildTimes = buildTimes == null ? List.of() : List.copyOf(buildTimes);
    causes = causes == null ? List.of() : List.copyOf(causes);
  }

  /** The causes matched from the differences themselves. */
  public TwiceResult(
      String context,
      ImageComparison.ImageSide first,
      ImageComparison.ImageSide second,
      Verdict verdict,
      List<String> configDifferences,
      List<Difference> differences,
      List<String> notes,
      List<Duration> buildTimes) {
    this(
        context,
        first,
        second,
        verdict,
        configDifferences,
        differences,
        notes,
        buildTimes,
        Causes.match(
            differences == null ? List.of() : differences,
            configDifferences == null ? List.of() : configDifferences));
  }

  @JsonProperty("reproducible")
  public boolean reproducible() {
    return verdict == Verdict.REPRODUCIBLE;
  }

  /** True when the verdict is {@code accept} or better (reproducible is always accepted). */
  public boolean accepted(Verdict accept) {
    return verdict.ordinal() <= (accept == null ? Verdict.REPRODUCIBLE : accept).ordinal();
  }

  public static TwiceResult of(
      String context, ImageComparison c, List<String> notes, List<Duration> times) {
    return new TwiceResult(
        context,
        c.first(),
        c.second(),
        c.verdict(),
        c.configDifferences(),
        c.differences(),
        notes,
        times);
  }
}
