package io.splitcheck.audit;

import io.splitcheck.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The console text of an audit (pure): errors, then warnings, each sorted by path then rule; a
 * finding that repeats (same severity, rule, path and message: the same ENV secret seen in two
 * layers) is one line naming every layer and line it was seen at; the INFO findings summarised in
 * one line by rule unless {@code verbose}, those from the base image's layers in one line per rule
 * naming the base; the counts last. The JSON report is untouched: it keeps every finding.
 */
public final class AuditText {
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private AuditText() {}

  /** One finding, or several equal ones merged, with where each was seen. */
  private record Line(
      Finding finding, TreeSet<Integer> layers, TreeSet<Integer> lines, int count) {}

  public static String render(AuditReport report, boolean verbose) {
    List<Line> merged = merge(report.findings());
    StringBuilder sb = new StringBuilder();
    Map<String, Integer> infoByRule = new TreeMap<>();
    Map<List<String>, Integer> baseByRule = new TreeMap<>(AuditText::compareKeys);
    for (Line l : merged) {
      Finding f = l.finding();
      if (f.severity() == Severity.INFO && !verbose && f.evidence().base() != null) {
        baseByRule.merge(List.of(f.rule(), f.evidence().base()), l.count(), Integer::sum);
      } else if (f.severity() == Severity.INFO && !verbose) {
        infoByRule.merge(f.rule(), l.count(), Integer::sum);
      } else {
        line(sb, l);
      }
    }
    baseByRule.forEach(
        (key, n) ->
            sb.append(
                String.format(
                    "%-7s %-32s %d from the base image %s, none from this Dockerfile's steps;"
                        + " --verbose lists them%n",
                    "INFO", key.get(0), n, key.get(1))));
    if (!infoByRule.isEmpty()) {
      int total = infoByRule.values().stream().mapToInt(Integer::intValue).sum();
      List<String> parts = new ArrayList<>();
      infoByRule.forEach((rule, n) -> parts.add(rule + " (" + n + ")"));
      sb.append(
          String.format(
              "%-7s %d finding(s): %s; --verbose lists them%n",
              "INFO", total, String.join(", ", parts)));
    }
    Map<String, Long> s = report.summary();
    sb.append(
        String.format(
            "%d error(s), %d warning(s), %d info%n",
            s.get("error"), s.get("warning"), s.get("info")));
    return sb.toString();
  }

  private static int compareKeys(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }

  /** {@code size.largest-files} by size, largest first (its rank), before the rest by path. */
  private static long largestFirst(Finding f) {
    Long size = f.evidence().size();
    return f.rule().equals("size.largest-files") && size != null ? -size : 0;
  }

  /**
   * Equal findings as one line, in order: severity (errors first), the largest files by size, path,
   * rule, message.
   */
  static List<Line> merge(List<Finding> findings) {
    Map<List<Object>, Line> lines = new LinkedHashMap<>();
    List<Finding> sorted =
        findings.stream()
            .sorted(
                Comparator.comparing(Finding::severity)
                    .thenComparingLong(AuditText::largestFirst)
                    .thenComparing(f -> f.evidence().path(), NULLS_FIRST)
                    .thenComparing(Finding::rule)
                    .thenComparing(Finding::message))
            .toList();
    for (Finding f : sorted) {
      List<Object> key =
          List.of(f.severity(), f.rule(), Objects.toString(f.evidence().path(), ""), f.message());
      Line l = lines.computeIfAbsent(key, k -> new Line(f, new TreeSet<>(), new TreeSet<>(), 0));
      if (f.evidence().layer() != null) {
        l.layers().add(f.evidence().layer());
      }
      if (f.evidence().line() != null) {
        l.lines().add(f.evidence().line());
      }
      lines.put(key, new Line(l.finding(), l.layers(), l.lines(), l.count() + 1));
    }
    return List.copyOf(lines.values());
  }

  private static void line(StringBuilder sb, Line l) {
    Finding f = l.finding();
    sb.append(String.format("%-7s %-32s ", f.severity().id().toUpperCase(Locale.ROOT), f.rule()));
    if (f.evidence().path() != null) {
      sb.append(f.evidence().path()).append(' ');
    }
    List<String> where = new ArrayList<>();
    if (!l.layers().isEmpty()) {
      where.add((l.layers().size() == 1 ? "layer " : "layers ") + join(l.layers()));
    }
    if (!l.lines().isEmpty()) {
      where.add(
          (l.lines().size() == 1 ? "Dockerfile line " : "Dockerfile lines ") + join(l.lines()));
    }
    if (!where.isEmpty()) {
      sb.append('[').append(String.join(", ", where)).append("] ");
    }
    sb.append(f.message());
    if (l.count() > 1) {
      sb.append(" (").append(l.count()).append(" times)");
    }
    sb.append('\n');
  }

  private static String join(TreeSet<Integer> values) {
    return String.join(", ", values.stream().map(String::valueOf).toList());
  }
}
