package io.splitcheck.report;

import java.util.List;

/**
 * What changed between two runs, for the nightly. Every list is sorted (scenario, then config, rule
 * or tag).
 *
 * @param previousRunId {@code null} when there was no previous run
 */
public record Changes(
    String previousRunId,
    String currentRunId,
    List<String> addedScenarios,
    List<String> removedScenarios,
    List<SplitChange> newSplits,
    List<SplitChange> fixedSplits,
    List<FindingChange> newFindings,
    List<FindingChange> fixedFindings,
    List<Regression> reproducibilityRegressions,
    List<Drift> baseDrifts) {

  public Changes {
    addedScenarios = List.copyOf(addedScenarios);
    removedScenarios = List.copyOf(removedScenarios);
    newSplits = List.copyOf(newSplits);
    fixedSplits = List.copyOf(fixedSplits);
    newFindings = List.copyOf(newFindings);
    fixedFindings = List.copyOf(fixedFindings);
    reproducibilityRegressions = List.copyOf(reproducibilityRegressions);
    baseDrifts = List.copyOf(baseDrifts);
  }

  public boolean isEmpty() {
    return addedScenarios.isEmpty()
        && removedScenarios.isEmpty()
        && newSplits.isEmpty()
        && fixedSplits.isEmpty()
        && newFindings.isEmpty()
        && fixedFindings.isEmpty()
        && reproducibilityRegressions.isEmpty()
        && baseDrifts.isEmpty();
  }

  /**
   * A split that appeared or went away; {@code line} is its culprit line (from the run it is in).
   */
  public record SplitChange(String scenario, String config, String line) {}

  /** A finding (rule + evidence path) that appeared or went away. */
  public record FindingChange(
      String scenario, String rule, String severity, String path, String message) {}

  /** A twice verdict that got worse, e.g. config-only to content; {@code paths} now differing. */
  public record Regression(
      String scenario, String previousVerdict, String currentVerdict, List<String> paths) {
    public Regression {
      paths = List.copyOf(paths);
    }
  }

  /** A FROM tag whose resolved digest changed, with the scenarios that use it now. */
  public record Drift(
      String tag, String previousDigest, String currentDigest, List<String> scenarios) {
    public Drift {
      scenarios = List.copyOf(scenarios);
    }
  }
}
