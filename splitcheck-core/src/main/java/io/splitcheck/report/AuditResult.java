package io.splitcheck.report;

import java.util.List;

/**
 * What {@code splitcheck audit} found, as the report carries it: the {@code findings} of
 * {@code audit --json}.
 */
public record AuditResult(List<Finding> findings) {

  public AuditResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /**
   * One finding.
   *
   * @param rule stable rule id, e.g. {@code linkage.dynamic-in-scratch}
   * @param severity info, warning or error
   */
  public record Finding(String rule, String severity, String message, Evidence evidence) {}

  /**
   * Where a finding was seen; every field may be {@code null}.
   *
   * @param deletedInLaterLayer the file is gone from the final filesystem but still in its layer
   */
  public record Evidence(String path, Integer layer, String step, Integer line, Long size,
      Boolean deletedInLaterLayer) {}
}
