package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.report.EngineGrid;
import io.splitcheck.report.EngineGridText;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.seccomp.EngineCause;
import io.splitcheck.trace.FailedSyscall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds and explains the engine splits of a matrix run on several engines; builds the grid. */
final class EngineSplits {
  private EngineSplits() {}

  /**
   * Cell {@code config}'s outcome on engine {@code engine} (an index, > 0) differs from engine 0's.
   */
  record Pair(String config, int engine) {}

  static List<Pair> pairs(List<MatrixRun> runs) {
    List<Pair> pairs = new ArrayList<>();
    MatrixRun ref = runs.get(0);
    for (CellResult a : ref.cells()) {
      for (int i = 1; i < runs.size(); i++) {
        CellResult b = runs.get(i).cell(a.config());
        if (!a.engineLost() && !b.engineLost() && !a.outcome().sameAs(b.outcome())) {
          pairs.add(new Pair(a.config(), i));
        }
      }
    }
    return pairs;
  }

  static EngineGrid grid(
      List<EngineAxis.Target> targets,
      List<MatrixReport> reports,
      List<Pair> pairs,
      List<TraceAttributor> attributors,
      MatrixPlan plan,
      String arch) {
    List<EngineGrid.Column> columns = targets.stream().map(EngineSplits::column).toList();
    List<EngineGrid.Row> rows = new ArrayList<>();
    for (CellResult c : reports.get(0).run().cells()) {
      List<EngineGrid.Entry> entries = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        MatrixReport r = reports.get(i);
        CellResult cell = r.run().cell(c.config());
        String split =
            r.splits().stream()
                .filter(s -> s.config().equals(c.config()))
                .findFirst()
                .map(SplitExplanation::summaryLine)
                .orElse(null);
        entries.add(
            new EngineGrid.Entry(
                targets.get(i).name(),
                describe(cell),
                cell.startError() != null && cell.outcome().exitCode() < 0
                    ? null
                    : cell.outcome().exitCode(),
                cell.wallMillis(),
                cell.traced() && cell.trace().traceable(),
                split));
      }
      rows.add(new EngineGrid.Row(c.config(), entries));
    }
    List<EngineGrid.EngineSplit> splits = new ArrayList<>();
    for (Pair pair : pairs) {
      splits.add(explain(pair, targets, reports, attributors, plan.cell(pair.config()), arch));
    }
    return new EngineGrid(targets.get(0).name(), columns, rows, splits);
  }

  private static String describe(CellResult c) {
    return c.startError() != null && c.outcome().exitCode() < 0
        ? "did not start"
        : c.outcome().describe();
  }

  private static EngineGrid.Column column(EngineAxis.Target t) {
    return new EngineGrid.Column(
        t.name(),
        t.info().host(),
        t.facts().version(),
        t.facts().kind(),
        t.facts().runtime(),
        t.defaultProfile() == null ? null : t.defaultProfile().file(),
        t.defaultProfile() == null ? null : t.defaultProfile().defaultErrno());
  }

  private static EngineGrid.EngineSplit explain(
      Pair pair,
      List<EngineAxis.Target> targets,
      List<MatrixReport> reports,
      List<TraceAttributor> attributors,
      Cell spec,
      String arch) {
    EngineAxis.Target ta = targets.get(0);
    EngineAxis.Target tb = targets.get(pair.engine());
    CellResult a = reports.get(0).run().cell(pair.config());
    CellResult b = reports.get(pair.engine()).run().cell(pair.config());
    String note = null;
    List<Culprit> culprits = List.of();
    if (!a.traced() || !b.traced()) {
      note = "not traced (--trace never)";
    } else if (!a.trace().traceable() || !b.trace().traceable()) {
      note = (a.trace().traceable() ? b : a).trace().note();
    } else {
      boolean byDefault = spec.security().seccomp() == ContainerSecurity.Seccomp.ENGINE_DEFAULT;
      culprits =
          culprits(
              errnos(attributors.get(0).failures(a.trace())),
              errnos(attributors.get(pair.engine()).failures(b.trace())),
              ta,
              tb,
              byDefault,
              arch);
      note = culprits.isEmpty() ? "no syscall fails differently on the two engines" : null;
    }
    String summary =
        EngineGridText.summary(
            pair.config(),
            tb.name(),
            b.outcome().describe(),
            ta.name(),
            a.outcome().describe(),
            culprits,
            note);
    return new EngineGrid.EngineSplit(
        pair.config(),
        ta.name(),
        tb.name(),
        a.outcome().describe(),
        b.outcome().describe(),
        summary,
        culprits,
        note);
  }

  /** One culprit per syscall whose failing errnos differ between the two traces, by name. */
  private static List<Culprit> culprits(
      Map<String, Set<String>> fa,
      Map<String, Set<String>> fb,
      EngineAxis.Target ta,
      EngineAxis.Target tb,
      boolean byDefault,
      String arch) {
    Set<String> names = new TreeSet<>(fa.keySet());
    names.addAll(fb.keySet());
    List<Culprit> out = new ArrayList<>();
    for (String syscall : names) {
      Set<String> ea = fa.getOrDefault(syscall, Set.of());
      Set<String> eb = fb.getOrDefault(syscall, Set.of());
      if (ea.equals(eb)) {
        continue;
      }
      out.add(
          EngineCause.culprit(
              syscall, side(ta, only(ea, eb), byDefault), side(tb, only(eb, ea), byDefault), arch));
    }
    return out;
  }

  private static EngineCause.Side side(EngineAxis.Target t, String errno, boolean byDefault) {
    return new EngineCause.Side(
        t.name(), errno, byDefault ? t.defaultProfile() : null, t.facts().runtime());
  }

  /** The first errno of {@code mine} the other side lacks, else the first of mine, else null. */
  private static String only(Set<String> mine, Set<String> theirs) {
    Optional<String> own = mine.stream().filter(e -> !theirs.contains(e)).findFirst();
    return own.orElse(mine.isEmpty() ? null : mine.iterator().next());
  }

  private static Map<String, Set<String>> errnos(List<FailedSyscall> failed) {
    Map<String, Set<String>> by = new TreeMap<>();
    for (FailedSyscall f : failed) {
      by.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(f.errno());
    }
    return by;
  }
}
