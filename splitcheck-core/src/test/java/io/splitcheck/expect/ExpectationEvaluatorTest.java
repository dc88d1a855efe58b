package io.splitcheck.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.audit.Finding;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.json.Json;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.CheckOutcome;
import io.splitcheck.report.CheckOutcome.Status;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.MatrixResult.CellResult;
import io.splitcheck.report.MatrixResult.Split;
import io.splitcheck.report.Twices;
import io.splitcheck.scenario.Scenario;
import io.splitcheck.scenario.ScenarioParser;
import io.splitcheck.seccomp.Culprit;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationEvaluatorTest {
  private final ExpectationEvaluator evaluator = new ExpectationEvaluator();

  private static Scenario scenario(String yaml) {
    return new ScenarioParser().parse(new StringReader(yaml), "s.yaml", Path.of("/s/x")).get(0);
  }

  private static TwiceResult twice(boolean reproducible, String verdict, String... paths) {
    return Twices.of(
        "ctx",
        reproducible,
        verdict,
        null,
        null,
        List.of(),
        Arrays.stream(paths)
            .map(p -> Twices.diff(1, "RUN x", p, List.of("content"), null))
            .toList(),
        List.of());
  }

  private static MatrixResult matrix(Split... splits) {
    return new MatrixResult(
        "img",
        "sha256:1",
        "unconfined",
        List.of(
            CellResult.of("unconfined", 0, false, 1, List.of()),
            CellResult.of("runtime-default", 0, false, 1, List.of()),
            CellResult.of("prod", splits.length > 0 ? 3 : 0, false, 1, List.of())),
        List.of(splits),
        List.of());
  }

  private static Split split(String config, String syscall, String errno) {
    return new Split(
        config,
        "unconfined",
        null,
        List.of(new Culprit(syscall, errno, "seccomp", null, null)),
        null);
  }

  private static final String MATRIX =
      """
      checks: {matrix: {configs: [unconfined, runtime-default], profiles: {prod: p.json}}}
      expect: {splits: [{config: prod, culprit: getrandom/EPERM}]}
      """;

  @Test
  void matrix_passes_whenExpectedSplitHasTheCulprit() {
    CheckOutcome o =
        evaluator
            .evaluate(scenario(MATRIX), null, matrix(split("prod", "getrandom", "EPERM")), null)
            .get(0);
    assertEquals(Status.PASSED, o.status(), o.message());
    assertEquals("split in prod with getrandom/EPERM", o.expected());
  }

  @Test
  void matrix_fails_whenNothingSplit() {
    CheckOutcome o = evaluator.evaluate(scenario(MATRIX), null, matrix(), null).get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals(
        "expected a split in prod with getrandom/EPERM, got no split (prod: exit 0)", o.message());
  }

  @Test
  void matrix_fails_whenCulpritDiffers() {
    CheckOutcome o =
        evaluator
            .evaluate(scenario(MATRIX), null, matrix(split("prod", "getrandom", "ENOSYS")), null)
            .get(0);
    assertEquals(
        "expected culprit getrandom/EPERM in prod, got prod: exit 3 (unconfined: exit 0)"
            + " <- getrandom = -1 ENOSYS [seccomp]",
        o.message());
  }

  @Test
  void matrix_fails_onAnUnlistedSplit() {
    CheckOutcome o =
        evaluator
            .evaluate(
                scenario(MATRIX),
                null,
                matrix(
                    split("prod", "getrandom", "EPERM"),
                    split("runtime-default", "clone3", "EPERM")),
                null)
            .get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals(
        "expected no split in runtime-default, got runtime-default: exit 0 (unconfined: "
            + "exit 0) <- clone3 = -1 EPERM [seccomp]",
        o.message());
  }

  @Test
  void matrix_fails_whenNoSplitsIsExpectedButOneOccurs() {
    Scenario s =
        scenario("checks: {matrix: {profiles: {prod: p.json}}}\nexpect: {noSplits: true}\n");
    CheckOutcome o =
        evaluator.evaluate(s, null, matrix(split("prod", "getrandom", "EPERM")), null).get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals("no split", o.expected());
  }

  @Test
  void twice_passesAVerdictWithinChecksTwiceAccept_andFailsAWorseOne() {
    Scenario s = scenario("checks: {twice: {accept: config-only}}\n");
    assertEquals("config-only", s.checks().twice().accept());
    assertEquals(
        Status.PASSED,
        evaluator.evaluate(s, twice(false, "config-only"), null, null).get(0).status());
    assertEquals(
        Status.PASSED,
        evaluator.evaluate(s, twice(true, "reproducible"), null, null).get(0).status());
    CheckOutcome worse = evaluator.evaluate(s, twice(false, "mtime-only"), null, null).get(0);
    assertEquals(Status.FAILED, worse.status());
    assertEquals(
        true,
        worse.toString().contains("worse than checks.twice.accept config-only"),
        worse.toString());
  }

  @Test
  void twice_reportsEveryMismatch() {
    Scenario s =
        scenario(
            """
        checks: {twice: true}
        expect: {reproducible: true, verdict: reproducible, differs: [/stamp]}
        """);
    CheckOutcome o = evaluator.evaluate(s, twice(false, "content", "/built-at"), null, null).get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals(
        "expected reproducible=true, got false; expected verdict reproducible, got "
            + "content; expected /stamp among the differing files, got /built-at",
        o.message());
    assertEquals("verdict content, reproducible=false, differing files: /built-at", o.actual());
  }

  @Test
  void twice_passes_whenDifferingFilesIncludeTheExpected() {
    Scenario s = scenario("checks: {twice: true}\nexpect: {verdict: content, differs: [/stamp]}\n");
    assertEquals(
        Status.PASSED,
        evaluator.evaluate(s, twice(false, "content", "/stamp", "/x"), null, null).get(0).status());
  }

  @Test
  void audit_failsAtFailOn_whenTheScenarioSetsIt() {
    Scenario s =
        scenario(
            """
        checks: {audit: {failOn: warning}}
        """);
    AuditResult audit =
        new AuditResult(
            List.of(
                new Finding("size.largest-files", Severity.INFO, "big", null),
                new Finding("base.unpinned", Severity.WARNING, "FROM debian:bookworm", null)));
    CheckOutcome o = evaluator.evaluate(s, null, null, audit).get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals("failOn warning: base.unpinned (warning): FROM debian:bookworm", o.message());
  }

  @Test
  void audit_passesBelowFailOn() {
    Scenario s = scenario("checks: {audit: {failOn: error}}\n");
    AuditResult audit =
        new AuditResult(
            List.of(new Finding("base.unpinned", Severity.WARNING, "FROM debian:bookworm", null)));
    assertEquals(Status.PASSED, evaluator.evaluate(s, null, null, audit).get(0).status());
  }

  @Test
  void audit_failsOnMissingRuleAndOnTooSevereFinding() {
    Scenario s =
        scenario(
            """
        checks: {audit: true}
        expect: {findings: [linkage.dynamic-in-scratch], noFindingsAbove: warning}
        """);
    AuditResult audit =
        new AuditResult(
            List.of(
                new Finding("leak.git", Severity.parse("error"), "/app/.git in the image", null)));
    CheckOutcome o = evaluator.evaluate(s, null, null, audit).get(0);
    assertEquals(Status.FAILED, o.status());
    assertEquals(
        "expected finding linkage.dynamic-in-scratch, got leak.git; expected no finding "
            + "above warning, got leak.git (error): /app/.git in the image",
        o.message());
  }

  @Test
  void audit_refusesUnknownSeverity_soItCannotPassSilently() {
    // one Severity for findings and thresholds: a finding of a severity this version does not know
    // is
    // refused when the report is read, naming the value, instead of being judged as some other
    // level
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Json.read(
                    new ByteArrayInputStream(
                        "{\"findings\": [{\"rule\": \"x\", \"severity\": \"critical\", \"message\": \"m\"}]}"
                            .getBytes(StandardCharsets.UTF_8)),
                    AuditResult.class,
                    "old.json"));
    assertTrue(e.getMessage().contains("critical"), e.getMessage());
  }

  @Test
  void evaluate_givesOneOutcomePerEnabledCheck_errorWhenResultMissing() {
    Scenario s = scenario("checks: {twice: true, audit: true}\n");
    List<CheckOutcome> outcomes = evaluator.evaluate(s, twice(true, "reproducible"), null, null);
    assertEquals(List.of("twice", "audit"), outcomes.stream().map(CheckOutcome::check).toList());
    assertEquals(Status.PASSED, outcomes.get(0).status());
    assertEquals(Status.ERROR, outcomes.get(1).status());
    assertEquals("the audit check produced no result", outcomes.get(1).message());
  }

  @Test
  void buildFailed_givesBuildErrorThenSkipsEveryEnabledCheck() {
    Scenario s = scenario("checks: {twice: true, audit: true}\n");
    List<CheckOutcome> outcomes = evaluator.buildFailed(s, "ERROR: failed to solve: exit code 2");
    assertEquals(
        List.of("build", "twice", "audit"), outcomes.stream().map(CheckOutcome::check).toList());
    assertEquals(
        List.of(Status.ERROR, Status.SKIPPED, Status.SKIPPED),
        outcomes.stream().map(CheckOutcome::status).toList());
    assertEquals("ERROR: failed to solve: exit code 2", outcomes.get(0).message());
  }
}
