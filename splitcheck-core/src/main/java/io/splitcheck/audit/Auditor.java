package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every rule family over one {@link AuditInput}, drops disabled rules, applies configured
 * severities, attributes findings in the base image's layers to it ({@link BaseImage}), fills in
 * Dockerfile lines for the user's layer steps, and sorts.
 */
public final class Auditor {
  private final List<AuditRule> rules;

  public Auditor() {
    this(
        List.of(
            new LinkageRules(),
            new LeakRules(),
            new ContextRules(),
            new DockerfileRules(),
            new SecretRules(),
            new CacheRules(),
            new SizeRules()));
  }

  Auditor(List<AuditRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public AuditReport audit(AuditInput in) {
    List<Finding> out = new ArrayList<>();
    for (AuditRule rule : rules) {
      for (Finding f : rule.check(in)) {
        if (in.config().enabled(f.rule())) {
          Finding applied = in.config().apply(f);
          out.add(
              withLine(
                  in.base() == null ? applied : in.base().attribute(applied), in.dockerfile()));
        }
      }
    }
    out.sort(Finding.ORDER);
    ImageView img = in.image();
    return new AuditReport(img == null ? null : img.name(), img == null ? null : img.id(), out);
  }

  private static Finding withLine(Finding f, Dockerfile df) {
    Evidence e = f.evidence();
    if (e.line() != null || e.layer() == null || e.step() == null) {
      return f;
    }
    return StepLocator.forHistory(df, e.step())
        .map(i -> f.withEvidence(e.withLine(i.line())))
        .orElse(f);
  }
}
