package io.splitcheck.scenario;

import io.splitcheck.model.Severity;
import java.util.List;
import java.util.Set;

/** The {@code expect} section, checked against the checks the scenario runs. */
final class ExpectationParser {

  Expectation expectation(Fields e, Checks checks, int line) {
    if (e == null) {
      return new Expectation(null, null, null, null, null, null, null);
    }
    List<Expectation.SplitExpectation> splits =
        e.list(
            "splits",
            (item, i) -> {
              Fields s =
                  Fields.of(
                      e.file(),
                      e.pathOf("splits") + "[" + i + "]",
                      item,
                      Set.of("config", "culprit"));
              String config = s.requiredString("config");
              if (checks.matrix() != null
                  && !ChecksParser.cells(checks.matrix()).contains(config)) {
                throw Fields.error(
                    e.file(),
                    item.line(),
                    s.pathOf("config"),
                    "'"
                        + config
                        + "' is not a cell of this scenario's matrix (cells: "
                        + String.join(", ", ChecksParser.cells(checks.matrix()))
                        + ")");
              }
              String culprit = s.string("culprit");
              try {
                return Expectation.SplitExpectation.of(config, culprit);
              } catch (IllegalArgumentException ex) {
                throw Fields.error(
                    e.file(), s.raw("culprit").line(), s.pathOf("culprit"), ex.getMessage());
              }
            });
    List<String> findings = e.stringList("findings");
    for (int i = 0; i < findings.size(); i++) {
      if (!findings.get(i).matches("[a-z]+\\.[a-z0-9-]+")) {
        throw Fields.error(
            e.file(),
            e.raw("findings").line(),
            "expect.findings[" + i + "]",
            "expected a rule id like linkage.dynamic-in-scratch, got '" + findings.get(i) + "'");
      }
    }
    Expectation x =
        new Expectation(
            e.bool("reproducible"),
            e.stringList("differs"),
            e.oneOf("verdict", ScenarioParser.VERDICTS),
            splits,
            e.bool("noSplits"),
            findings,
            e.mapScalar("noFindingsAbove", Severity::parse));
    requireCheck(
        e, line, x.expectsTwice(), checks.twice() != null, "twice", "reproducible/differs/verdict");
    requireCheck(e, line, x.expectsMatrix(), checks.matrix() != null, "matrix", "splits/noSplits");
    requireCheck(
        e, line, x.expectsAudit(), checks.audit() != null, "audit", "findings/noFindingsAbove");
    if (Boolean.TRUE.equals(x.noSplits()) && !x.splits().isEmpty()) {
      throw Fields.error(e.file(), line, "expect.noSplits", "contradicts expect.splits");
    }
    return x;
  }

  private static void requireCheck(
      Fields e, int line, boolean expects, boolean runs, String check, String fields) {
    if (expects && !runs) {
      throw Fields.error(
          e.file(),
          line,
          "expect",
          "expects " + fields + " but checks." + check + " is not enabled");
    }
  }
}
