package io.splitcheck.report;

import java.util.List;
import java.util.function.Function;

/** {@code changes.md}: what changed since the previous run, as Markdown (also readable as text). */
public final class ChangesRenderer {

  public String markdown(Changes c) {
    StringBuilder out =
        new StringBuilder("# splitcheck nightly: changes in run ")
            .append(c.currentRunId())
            .append("\n\n");
    if (c.previousRunId() == null) {
      out.append("First run in this history: nothing to compare with.\n\n");
    } else {
      out.append("Compared with run ").append(c.previousRunId()).append(".\n\n");
      if (c.isEmpty()) {
        out.append("No changes.\n");
        return out.toString();
      }
    }
    section(
        out,
        "Base-image drift",
        c.baseDrifts(),
        d ->
            "`"
                + d.tag()
                + "`: "
                + d.previousDigest()
                + " -> "
                + d.currentDigest()
                + " (used by "
                + String.join(", ", d.scenarios())
                + ")");
    section(out, "New splits", c.newSplits(), s -> s.scenario() + ": " + s.line());
    section(
        out,
        "Fixed splits",
        c.fixedSplits(),
        s -> s.scenario() + ": " + s.config() + " no longer splits (was: " + s.line() + ")");
    section(
        out,
        "Reproducibility regressions",
        c.reproducibilityRegressions(),
        r ->
            r.scenario()
                + ": "
                + r.previousVerdict()
                + " -> "
                + r.currentVerdict()
                + (r.paths().isEmpty() ? "" : "; differing: " + Texts.limit(r.paths(), 10)));
    section(out, "New findings", c.newFindings(), f -> finding(f));
    section(out, "Fixed findings", c.fixedFindings(), f -> finding(f));
    section(out, "Scenarios added", c.addedScenarios(), s -> s);
    section(out, "Scenarios removed", c.removedScenarios(), s -> s);
    return out.toString();
  }

  private static String finding(Changes.FindingChange f) {
    return f.scenario()
        + ": "
        + f.rule()
        + " ("
        + f.severity()
        + ")"
        + (f.path() == null ? "" : " " + code(f.path()))
        + ": "
        + f.message();
  }

  /** Inline code, so that markup in a path is shown, not rendered. */
  private static String code(String s) {
    return "`" + s.replace('`', '\'') + "`";
  }

  private static <T> void section(
      StringBuilder out, String title, List<T> items, Function<T, String> line) {
    if (items.isEmpty()) {
      return;
    }
    out.append("## ").append(title).append(" (").append(items.size()).append(")\n\n");
    items.forEach(i -> out.append("- ").append(oneLine(line.apply(i))).append('\n'));
    out.append('\n');
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
