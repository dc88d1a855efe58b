package io.splitcheck.matrix;

import io.splitcheck.model.StderrExcerpt;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.FailedSyscall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a run into a report: failed syscalls per traced cell and the culprits of each split. */
public final class MatrixAnalysis {
  private MatrixAnalysis() {}

  public static MatrixReport analyze(
      MatrixRun run, MatrixPlan plan, Attributor attributor, List<String> warnings) {
    Map<String, List<FailedSyscall>> failed = new TreeMap<>();
    for (CellResult c : run.cells()) {
      if (c.traced() && c.trace().traceable()) {
        failed.put(c.config(), attributor.failures(c.trace()));
      }
    }
    CellResult base = run.cell(run.baseline());
    List<SplitExplanation> splits = new ArrayList<>();
    for (String name : run.splits()) {
      splits.add(explain(base, run.cell(name), plan.cell(name), attributor));
    }
    List<String> all = new ArrayList<>(warnings);
    Splits.unfinishedBaseline(run.cells(), run.baseline()).ifPresent(all::add);
    return new MatrixReport(run, failed, splits, all);
  }

  private static SplitExplanation explain(
      CellResult base, CellResult cell, Cell spec, Attributor attributor) {
    String note = null;
    List<Culprit> culprits = List.of();
    if (!cell.traced()) {
      note = "not traced (--trace never)";
    } else if (!cell.trace().traceable()) {
      note = cell.trace().note();
    } else if (!base.traced() || !base.trace().traceable()) {
      note = "baseline " + base.config() + " not traceable";
    } else {
      culprits = attributor.culprits(base.trace(), cell.trace(), spec);
      note = culprits.isEmpty() ? "no syscall fails here that does not fail in the baseline" : null;
    }
    List<Culprit> outcomeCauses = OutcomeCulprits.of(cell, spec);
    if (!outcomeCauses.isEmpty()) {
      List<Culprit> all = new ArrayList<>(outcomeCauses);
      all.addAll(culprits);
      culprits = all;
      note = null;
    }
    String excerpt = StderrExcerpt.of(cell.stderr().text()).orElse(null);
    return new SplitExplanation(
        cell.config(), base.config(), cell.outcome(), base.outcome(), culprits, note, excerpt);
  }
}
