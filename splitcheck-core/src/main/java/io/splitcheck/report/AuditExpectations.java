package io.splitcheck.report;

import io.splitcheck.scenario.Expectation;
import io.splitcheck.scenario.Severity;
import java.util.ArrayList;
import java.util.List;

/** {@code expect.findings} / {@code expect.noFindingsAbove} against an audit result. */
final class AuditExpectations {

  CheckOutcome evaluate(Expectation expect, AuditResult result) {
    List<String> expected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> rules = result.findings().stream().map(AuditResult.Finding::rule).distinct()
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
      for (AuditResult.Finding f : result.findings()) {
        if (severity(f).compareTo(max) > 0) {
          problems.add("expected no finding above " + max.label() + ", got " + f.rule() + " ("
              + f.severity() + "): " + f.message());
        }
      }
    }
    String actual = rules.isEmpty() ? "no findings"
        : result.findings().size() + " finding(s): " + Texts.limit(rules, 10);
    return ExpectationEvaluator.outcome("audit", expected, actual, problems);
  }

  /** A severity this version does not know counts as error, so it cannot pass silently. */
  static Severity severity(AuditResult.Finding f) {
    try {
      return Severity.parse(f.severity());
    } catch (IllegalArgumentException e) {
      return Severity.ERROR;
    }
  }
}
