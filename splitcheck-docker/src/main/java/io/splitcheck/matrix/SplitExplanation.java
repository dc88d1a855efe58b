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
 * @param culprits ranked by causality: causes, then consequences, then handled fallbacks
 * @param note why there are no culprits (untraced, not traceable, ...), or null
 * @param excerpt the cell's telling stderr line ({@link io.splitcheck.model.StderrExcerpt}), or
 *     null
 */
public record SplitExplanation(
    String config,
    String baseline,
    Outcome outcome,
    Outcome baselineOutcome,
    List<Culprit> culprits,
    String note,
    String excerpt) {
  public SplitExplanation {
    culprits = List.copyOf(culprits);
  }

  public SplitExplanation(
      String config,
      String baseline,
      Outcome outcome,
      Outcome baselineOutcome,
      List<Culprit> culprits,
      String note) {
    this(config, baseline, outcome, baselineOutcome, culprits, note, null);
  }

  /**
   * The line an on-call engineer reads, e.g. {@code runtime-default: exit 3 (unconfined: 0) <-
   * getrandom = -1 EPERM [seccomp: not allowed by the engine default profile]}.
   */
  public String summaryLine() {
    StringBuilder line =
        new StringBuilder(config)
            .append(": ")
            .append(outcome.describe())
            .append(" (")
            .append(baseline)
            .append(": ")
            .append(baselineOutcome.describe().replaceFirst("^exit ", ""))
            .append(")");
    if (culprits.isEmpty()) {
      return line.append(" <- ")
          .append(note == null ? "no failing syscall found" : note)
          .toString();
    }
    String sep = " <- ";
    for (Culprit c : culprits) {
      line.append(sep)
          .append(c.syscall())
          .append(c.errno().equals("-") ? "" : " = -1 " + c.errno());
      if (c.path() != null) {
        line.append(" on \"").append(c.path()).append("\"");
      }
      line.append(" [")
          .append(c.cause())
          .append(c.detail() == null ? "" : ": " + c.detail())
          .append("]");
      if (c.hazard() != null) {
        line.append(" (hazard: ").append(c.hazard()).append(")");
      }
      if (!c.role().equals(io.splitcheck.seccomp.Culprit.CAUSE)) {
        line.append(" (").append(c.roleReason() == null ? c.role() : c.roleReason()).append(")");
      }
      if (c.process() != null) {
        line.append(" by ").append(c.processChain());
      }
      sep = ", ";
    }
    return line.toString();
  }
}
