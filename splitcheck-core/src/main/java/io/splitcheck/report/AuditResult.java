package io.splitcheck.report;

import io.splitcheck.audit.Finding;
import java.util.List;

/**
 * What {@code splitcheck audit} found, as the report carries it: the audit's own {@link Finding}
 * records, in the audit's order.
 */
public record AuditResult(List<Finding> findings) {

  public AuditResult {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }
}
