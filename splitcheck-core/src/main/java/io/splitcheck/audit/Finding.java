package io.splitcheck.audit;

import io.splitcheck.model.Severity;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing the audit found.
 *
 * @param rule the stable rule id, e.g. {@code linkage.missing-library}; see {@link RuleIds}
 * @param message one line, no trailing period
 */
public record Finding(String rule, Severity severity, String message, Evidence evidence)
    implements Comparable<Finding> {
  /** Severity (errors first), rule id, path, layer, line, message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::rule)
          .thenComparing(f -> f.evidence().path(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              f -> f.evidence().layer(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(f -> f.evidence().line(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    evidence = evidence == null ? Evidence.NONE : evidence;
  }

  public static Finding of(String rule, String message, Evidence evidence) {
    return new Finding(rule, RuleIds.defaultSeverity(rule), message, evidence);
  }

  public Finding withSeverity(Severity s) {
    return new Finding(rule, s, message, evidence);
  }

  public Finding withEvidence(Evidence e) {
    return new Finding(rule, severity, message, e);
  }

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
