package io.splitcheck.matrix;

import io.splitcheck.seccomp.Culprit;
import java.util.List;

/**
 * Why one cell split from the baseline.
 *
 * @param config the split cell
 * @param baseline the baseline cell
 * @param outcome the cell's outcome
 * @param baselineOutcome the baseline's outcome
 * @param culprits ordered by first occurrence in the cell's trace
 * @param note why there are no culprits (untraced, not traceable, ...), or null
 */
public record SplitExplanation(String config, String baseline, Outcome outcome,
                               Outcome baselineOutcome, List<Culprit> culprits, String note) {
  public SplitExplanation {
    culprits = List.copyOf(culprits);
  }

  /**
   * The line an on-call engineer reads, e.g. {@code runtime-default: exit 3 (unconfined: 0) <-
   * getrandom = -1 EPERM [seccomp: not allowed by the engine default profile]}.
   */
  public String summaryLine() {
    StringBuilder line = new StringBuilder(config).append(": ").append(outcome.describe())
        .append(" (").append(baseline).append(": ")
        .append(baselineOutcome.describe().replaceFirst("^exit ", "")).append(")");
    if (culprits.isEmpty()) {
      return line.append(" <- ").append(note == null ? "no failing syscall found" : note).toString();
    }
    String sep = " <- ";
    for (Culprit c : culprits) {
      line.append(sep).append(c.syscall()).append(" = -1 ").append(c.errno()).append(" [")
          .append(c.cause()).append(c.detail() == null ? "" : ": " + c.detail()).append("]");
      if (c.hazard() != null) {
        line.append(" (hazard: ").append(c.hazard()).append(")");
      }
      sep = ", ";
    }
    return line.toString();
  }
}
