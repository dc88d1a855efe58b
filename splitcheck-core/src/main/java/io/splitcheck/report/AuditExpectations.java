package io.splitcheck.report;

import io.splitcheck.audit.Finding;
import io.splitcheck.scenario.Expectation;
import io.splitcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** {@code expect.findings} / {@code expect.noFindingsAbove} against an audit result. */
final class AuditExpectations {

  CheckOutcome evaluate(Expectation expect, AuditResult result) {
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> rules = result.findings().stream().map(Finding::rule).distinct()
        .sorted().toList();
    for (String rule : expect.findings()) {
      expected.add("finding " + rule);
      if (!rules.contains(rule)) {
        problems.add("expected finding " + rule + ", got "
            + (rules.isEmpty() ? "no findings" : Texts.limit(rules, 10)));
      }
    }
    if (expect.noFindingsAbove() != null) {
      Severity max = expect.noFindingsAbove();
      expected.add("no finding above " + max.label());
      for (Finding f : result.findings()) {
        if (severity(f).above(max)) {
          problems.add("expected no finding above " + max.label() + ", got " + f.rule() + " ("
              + f.severity().label() + "): " + f.message());
        }
      }
    }
    String actual = rules.isEmpty() ? "no findings"
        : result.findings().size() + " finding(s): " + Texts.limit(rules, 10);
    return ExpectationEvaluator.outcome("audit", expected, actual, problems);
  }

  static Severity severity(Finding f) {
    return f.severity();
  }
}
