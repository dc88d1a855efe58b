package io.splitcheck.audit;

import java.util.List;

/** One family of checks; returns nothing when the input lacks what it needs. */
@FunctionalInterface
public interface AuditRule {
  List<Finding> check(AuditInput input);
}
