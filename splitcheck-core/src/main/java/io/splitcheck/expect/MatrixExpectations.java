package io.splitcheck.expect;

import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.Texts;
import io.splitcheck.scenario.Expectation;
import io.splitcheck.scenario.Expectation.SplitExpectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code expect.splits} / {@code expect.noSplits} against a matrix result. */
final class MatrixExpectations {

  CheckOutcome evaluate(Expectation expect, MatrixResult result) {
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean exhaustive = Boolean.TRUE.equals(expect.noSplits()) || !expect.splits().isEmpty();
    if (Boolean.TRUE.equals(expect.noSplits())) {
      expected.add("no split");
    }
    for (SplitExpectation want : expect.splits()) {
      expected.add("split in " + want.config() + " with " + want.culprit());
      Optional<MatrixResult.Split> got = result.split(want.config());
      if (got.isEmpty()) {
        String cell =
            result
                .cell(want.config())
                .map(MatrixResult.CellResult::outcome)
                .orElse("no such cell in the result");
        problems.add(
            "expected a split in "
                + want.config()
                + " with "
                + want.culprit()
                + ", got no split ("
                + want.config()
                + ": "
                + cell
                + ")");
      } else if (want.syscall() != null
          && got.get().culprits().stream()
              .noneMatch(
                  c -> c.syscall().equals(want.syscall()) && c.errno().equals(want.errno()))) {
        problems.add(
            "expected culprit "
                + want.culprit()
                + " in "
                + want.config()
                + ", got "
                + Texts.splitLine(result, got.get()));
      }
    }
    if (exhaustive) {
      for (MatrixResult.Split split : result.splits()) {
        if (expect.splits().stream().noneMatch(w -> w.config().equals(split.config()))) {
          problems.add(
              "expected no split in " + split.config() + ", got " + Texts.splitLine(result, split));
        }
      }
    }
    return ExpectationEvaluator.outcome("matrix", expected, actual(result), problems);
  }

  private static String actual(MatrixResult result) {
    if (result.splits().isEmpty()) {
      return "no split in " + result.cells().size() + " cells (baseline " + result.baseline() + ")";
    }
    List<String> lines = result.splits().stream().map(s -> Texts.splitLine(result, s)).toList();
    return result.splits().size() + " split(s): " + String.join("; ", lines);
  }
}
