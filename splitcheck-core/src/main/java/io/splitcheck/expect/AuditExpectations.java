package io.splitcheck.expect;

import io.splitcheck.audit.Finding;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.Texts;
import io.splitcheck.scenario.Expectation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code expect.findings} / {@code expect.noFindingsAbove}, and the audit check's own {@code
 * checks.audit.failOn}, against an audit result.
 */
final class AuditExpectations {

  /**
   * @param failOn {@code checks.audit.failOn} as written ({@code info}, {@code warning}, {@code
   *     error}), or null
   */
  CheckOutcome evaluate(Expectation expect, String failOn, AuditResult result) {
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (failOn != null) {
      Severity threshold = Severity.parse(failOn);
      expected.add("no finding at or above " + threshold.label() + " (failOn)");
      for (Finding f : result.findings()) {
        if (f.severity().atLeast(threshold)) {
          problems.add(
              "failOn "
                  + threshold.label()
                  + ": "
                  + f.rule()
                  + " ("
                  + f.severity().label()
                  + "): "
                  + f.message());
        }
      }
    }
    List<String> rules = result.findings().stream().map(Finding::rule).distinct().sorted().toList();
    for (String rule : expect.findings()) {
      expected.add("finding " + rule);
      if (!rules.contains(rule)) {
        problems.add(
            "expected finding "
                + rule
                + ", got "
                + (rules.isEmpty() ? "no findings" : Texts.limit(rules, 10)));
      }
    }
    if (expect.noFindingsAbove() != null) {
      Severity max = expect.noFindingsAbove();
      expected.add("no finding above " + max.label());
      for (Finding f : result.findings()) {
        if (severity(f).above(max)) {
          problems.add(
              "expected no finding above "
                  + max.label()
                  + ", got "
                  + f.rule()
                  + " ("
                  + f.severity().label()
                  + "): "
                  + f.message());
        }
      }
    }
    String actual =
        rules.isEmpty()
            ? "no findings"
            : result.findings().size() + " finding(s): " + Texts.limit(rules, 10);
    return ExpectationEvaluator.outcome("audit", expected, actual, problems);
  }

  static Severity severity(Finding f) {
    return f.severity();
  }
}
