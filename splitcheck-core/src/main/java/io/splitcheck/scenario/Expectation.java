package io.splitcheck.scenario;

import io.splitcheck.model.Severity;
import java.util.List;

/**
 * What a scenario's checks must find. A {@code null}/empty field expects nothing.
 *
 * @param reproducible twice: same image id or not
 * @param differs twice: paths that must be among the differing files
 * @param verdict twice: reproducible, config-only, mtime-only, metadata, content
 * @param splits matrix: splits that must occur
 * @param noSplits matrix: when true, no cell may split
 * @param findings audit: rule ids that must be reported
 * @param noFindingsAbove audit: no finding may be more severe than this (info, warning, error)
 */
public record Expectation(
    Boolean reproducible,
    List<String> differs,
    String verdict,
    List<SplitExpectation> splits,
    Boolean noSplits,
    List<String> findings,
    Severity noFindingsAbove) {

  public Expectation {
    differs = differs == null ? List.of() : List.copyOf(differs);
    splits = splits == null ? List.of() : List.copyOf(splits);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  public boolean expectsTwice() {
    return reproducible != null || verdict != null || !differs.isEmpty();
  }

  public boolean expectsMatrix() {
    return noSplits != null || !splits.isEmpty();
  }

  public boolean expectsAudit() {
    return noFindingsAbove != null || !findings.isEmpty();
  }

  /**
   * A split that must occur: in {@code config}; with {@code syscall}/{@code errno} among its
   * culprits unless both are {@code null} (written {@code culprit: getrandom/EPERM}).
   */
  public record SplitExpectation(String config, String syscall, String errno) {
    /** Parses {@code getrandom/EPERM}. */
    public static SplitExpectation of(String config, String culprit) {
      if (culprit == null) {
        return new SplitExpectation(config, null, null);
      }
      String[] parts = culprit.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("E[A-Z0-9]+")) {
        throw new IllegalArgumentException(
            "Error parsing culprit '"
                + culprit
                + "': expected SYSCALL/ERRNO, e.g. getrandom/EPERM");
      }
      return new SplitExpectation(config, parts[0], parts[1]);
    }

    /** {@code getrandom/EPERM}, or {@code any culprit}. */
    public String culprit() {
      return syscall == null ? "any culprit" : syscall + "/" + errno;
    }
  }
}
