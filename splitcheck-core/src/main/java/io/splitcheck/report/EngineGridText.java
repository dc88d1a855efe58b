package io.splitcheck.report;

import io.splitcheck.seccomp.Culprit;
import java.util.ArrayList;
import java.util.List;

/** The cells x engines grid as text lines: what {@code matrix --on} prints and reports quote. */
public final class EngineGridText {
  private EngineGridText() {}

  /**
   * A header naming each engine, one row per cell with its outcome on each engine ({@code *} marks
   * an engine split from the reference), then one line per engine split and per culprit.
   */
  public static List<String> lines(EngineGrid grid) {
    List<String> out = new ArrayList<>();
    for (EngineGrid.Column c : grid.engines()) {
      out.add(
          "engine "
              + c.name()
              + ": "
              + describe(c)
              + (c.name().equals(grid.reference()) ? " (reference)" : ""));
    }
    int width = grid.cells().stream().mapToInt(r -> r.config().length()).max().orElse(4) + 2;
    int col =
        Math.max(14, grid.engines().stream().mapToInt(c -> c.name().length()).max().orElse(0) + 2);
    StringBuilder head = new StringBuilder(String.format("  %-" + width + "s", "cell"));
    grid.engines().forEach(c -> head.append(String.format(" %-" + col + "s", c.name())));
    out.add(head.toString().stripTrailing());
    for (EngineGrid.Row row : grid.cells()) {
      StringBuilder line = new StringBuilder(String.format("  %-" + width + "s", row.config()));
      for (EngineGrid.Column c : grid.engines()) {
        String outcome = row.on(c.name()).map(EngineGrid.Entry::outcome).orElse("-");
        boolean split = grid.split(row.config(), c.name()).isPresent();
        line.append(String.format(" %-" + col + "s", outcome + (split ? " *" : "")));
      }
      out.add(line.toString().stripTrailing());
    }
    if (grid.splits().isEmpty()) {
      out.add("no engine split");
      return out;
    }
    out.add(
        grid.splits().size() + (grid.splits().size() == 1 ? " engine split:" : " engine splits:"));
    for (EngineGrid.EngineSplit s : grid.splits()) {
      out.add(s.summary());
    }
    return out;
  }

  /** {@code docker-26 26.1.5+dfsg1, runc 1.1.5, default profile docker-26.1.json (EPERM)}. */
  public static String describe(EngineGrid.Column c) {
    return c.kind()
        + " "
        + c.version()
        + " at "
        + c.host()
        + ", "
        + (c.runtime() == null ? "runtime unknown" : c.runtime())
        + ", default profile "
        + (c.defaultProfile() == null
            ? "unknown"
            : c.defaultProfile() + " (unnamed syscalls: " + c.defaultErrno() + ")");
  }

  /**
   * {@code runtime-default on podman: exit 0 (on docker-20.10: exit 3) <- request_key = -1 EPERM
   * [engine: EPERM on docker-20.10, ENOSYS on podman; ...]}.
   */
  public static String summary(
      String config,
      String engine,
      String outcome,
      String reference,
      String referenceOutcome,
      List<Culprit> culprits,
      String note) {
    StringBuilder line =
        new StringBuilder(config)
            .append(" on ")
            .append(engine)
            .append(": ")
            .append(outcome)
            .append(" (on ")
            .append(reference)
            .append(": ")
            .append(referenceOutcome)
            .append(")");
    if (culprits.isEmpty()) {
      return line.append(" <- ")
          .append(note == null ? "no failing syscall found" : note)
          .toString();
    }
    String sep = " <- ";
    for (Culprit c : culprits) {
      line.append(sep).append(c.describe());
      sep = ", ";
    }
    return line.toString();
  }
}
