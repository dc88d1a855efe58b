package io.splitcheck.report;

import io.splitcheck.diff.TwiceResult;
import java.util.List;
import java.util.Objects;

/**
 * Everything one scenario produced in a run. A check that did not run is {@code null}.
 *
 * @param dir the scenario directory as given on the command line (relative where possible)
 * @param image the image id of the (first) build, or {@code null} when the build failed
 * @param bases {@code FROM} references of the Dockerfile with the digest each resolved to
 * @param outcomes one per check, in the order build, twice, matrix, audit
 */
public record ScenarioReport(
    String name,
    String dir,
    String image,
    List<BaseImage> bases,
    TwiceResult twice,
    MatrixResult matrix,
    AuditResult audit,
    List<CheckOutcome> outcomes) {

  public ScenarioReport {
    Objects.requireNonNull(name, "name");
    bases = bases == null ? List.of() : List.copyOf(bases);
    outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
  }

  public boolean passed() {
    return outcomes.stream().allMatch(CheckOutcome::passed);
  }

  /** A {@code FROM} tag and the image digest it resolved to in this run. */
  public record BaseImage(String tag, String digest) {}
}
