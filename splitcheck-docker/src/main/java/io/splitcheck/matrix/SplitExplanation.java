package io.splitcheck.matrix;

import io.splitcheck.trace.ProcessInfo;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why one cell split from the baseline.
 *
 * @param config the split cell
 * @param baseline the baseline cell
 * @param outcome the cell's outcome
 * @param baselineOutcome the baseline's outcome
 * @param culprits ranked by causality: causes, then consequences, then handled fallbacks
 * @param note why there are no culprits (untraced, not traceable, ...), or null
 * @param excerpt the cell's telling stderr line ({@link io.splitcheck.model.StderrExcerpt}), or null
 */
public record SplitExplanation(String config, String baseline, Outcome outcome,
                               Outcome baselineOutcome, List<Culprit> culprits, String note,
                               String excerpt) {
  public SplitExplanation {
    culprits = List.copyOf(culprits);
  }

  public SplitExplanation(String config, String baseline, Outcome outcome, Outcome baselineOutcome,
      List<Culprit> culprits, String note) {
    this(config, baseline, outcome, baselineOutcome, culprits, note, null);
  }

  /**
   * One failing syscall behind a split.
   *
   * @param syscall e.g. {@code getrandom}
   * @param errno e.g. {@code EPERM}
   * @param cause {@code seccomp}, {@code capability}, {@code read-only}, {@code network}, ...
   * @param hazard an errno hazard (EPERM where libc falls back only on ENOSYS), or null
   * @param detail the cause in words, e.g. {@code not allowed by the engine default profile}
   * @param role {@code cause}, {@code consequence} or {@code fallback}
   * @param roleReason why a consequence or a handled fallback, else null
   * @param path the path argument of a path-taking call, else null
   * @param process the process that made the call, or null when not known
   * @param ancestry its ancestors, the entrypoint first
   */
  public record Culprit(String syscall, String errno, String cause, String hazard, String detail,
                        String role, String roleReason, String path, ProcessInfo process,
                        List<ProcessInfo> ancestry) {
    public Culprit {
      role = role == null ? io.splitcheck.seccomp.Culprit.CAUSE : role;
      ancestry = ancestry == null ? List.of() : List.copyOf(ancestry);
    }

    public Culprit(String syscall, String errno, String cause, String hazard, String detail) {
      this(syscall, errno, cause, hazard, detail, null, null, null, null, List.of());
    }

    /** {@code sh[8] → bash[9] → bash[10]}, or null when the process is not known. */
    public String processChain() {
      if (process == null) {
        return null;
      }
      return java.util.stream.Stream.concat(ancestry.stream(), java.util.stream.Stream.of(process))
          .map(ProcessInfo::label).collect(Collectors.joining(" → "));
    }
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
      line.append(sep).append(c.syscall()).append(" = -1 ").append(c.errno());
      if (c.path() != null) {
        line.append(" on \"").append(c.path()).append("\"");
      }
      line.append(" [").append(c.cause()).append(c.detail() == null ? "" : ": " + c.detail())
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
