package io.splitcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.model.Severity;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
  private static final Path DIR = Path.of("/s/getrandom");

  private static List<Scenario> parse(String yaml) {
    return new ScenarioParser().parse(new StringReader(yaml), "scenarios/x/scenario.yaml", DIR);
  }

  private static String error(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void parse_namesChecksTwiceAccept_whenItIsNoVerdictTwiceCanAccept() {
    IllegalArgumentException e =
        Assertions.assertThrows(
            IllegalArgumentException.class, () -> parse("checks: {twice: {accept: content}}\n"));
    Assertions.assertTrue(
        e.getMessage().contains("checks.twice.accept")
            && e.getMessage().contains("config-only, metadata, mtime-only"),
        e.getMessage());
  }

  @Test
  void parse_readsEverySection_whenScenarioIsComplete() {
    Scenario s =
        parse(
                """
        name: getrandom
        description: the incident
        build:
          dockerfile: Dockerfile.prod
          context: ctx
          args: {VERSION: "1.2"}
          secrets: [{id: ca_cert, src: ca.pem}]
          target: final
          prebuild: [make]
        checks:
          twice: true
          matrix:
            configs: [unconfined, runtime-default]
            profiles: {prod: prod.json}
            derive: {old: "clone3=EPERM"}
            baseline: unconfined
            trace: always
            cmd: [/app, --check]
            timeout: 30s
          audit:
            rules: {enable: [linkage.*], disable: [size.efficiency]}
            failOn: warning
            secretIds: [ca_cert]
            cacheCheck: {arg: VERSION, values: ["1", "2"]}
        expect:
          reproducible: false
          differs: [/stamp]
          verdict: content
          splits: [{config: prod, culprit: getrandom/EPERM}]
          findings: [linkage.dynamic-in-scratch]
          noFindingsAbove: warning
        """)
            .get(0);
    assertEquals("getrandom", s.name());
    assertEquals(Path.of("/s/getrandom/Dockerfile.prod"), s.dockerfile());
    assertEquals(Path.of("/s/getrandom/ctx"), s.context());
    assertEquals(Map.of("VERSION", "1.2"), s.build().args());
    assertEquals("ca.pem", s.build().secrets().get(0).src());
    assertEquals(List.of("make"), s.build().prebuild());
    assertEquals(List.of("/app", "--check"), s.checks().matrix().cmd());
    assertEquals(Map.of("old", "clone3=EPERM"), s.checks().matrix().derive());
    assertEquals("warning", s.checks().audit().failOn());
    assertEquals("VERSION", s.checks().audit().cacheCheck().arg());
    assertEquals(List.of("size.efficiency"), s.checks().audit().disable());
    Expectation.SplitExpectation split = s.expect().splits().get(0);
    assertEquals("prod", split.config());
    assertEquals("getrandom", split.syscall());
    assertEquals("EPERM", split.errno());
    assertEquals(Severity.WARNING, s.expect().noFindingsAbove());
    assertEquals(Boolean.FALSE, s.expect().reproducible());
  }

  @Test
  void parse_appliesDefaults_whenSectionsAreLeftOut() {
    Scenario s = parse("checks: {matrix: true}\n").get(0);
    assertEquals("getrandom", s.name());
    assertEquals("Dockerfile", s.build().dockerfile());
    assertEquals(".", s.build().context());
    assertNull(s.checks().twice());
    assertNull(s.checks().audit());
    assertTrue(s.checks().matrix().configs().isEmpty());
  }

  @Test
  void parse_namesFileLineAndKnownFields_whenKeyIsUnknown() {
    String message =
        error(
            """
        name: x
        checks:
          twice: true
        expct:
          reproducible: true
        """);
    assertTrue(message.startsWith("scenarios/x/scenario.yaml:4: unknown field 'expct'"), message);
    assertTrue(
        message.contains("expected one of: baseDrift, build, checks, description, engines, expect"),
        message);
  }

  @Test
  void parse_readsDeclaredEngines_inOrder() {
    List<Scenario> s =
        parse(
            """
        name: x
        engines: [docker-20.10, podman]
        checks:
          matrix: true
        """);
    assertEquals(List.of("docker-20.10", "podman"), s.get(0).engines());
  }

  @Test
  void parse_namesTheEngineField_whenAKindIsUnknown() {
    String message =
        error(
            """
        name: x
        engines: [docker-20.10, cri-o]
        """);
    assertEquals(
        "scenarios/x/scenario.yaml:2: field 'engines[1]': expected one of docker-20.10, "
            + "docker-26, podman, each once, got 'cri-o'",
        message);
  }

  @Test
  void parse_namesNestedPath_whenNestedKeyIsUnknown() {
    String message =
        error(
            """
        checks:
          matrix:
            configs: [unconfined]
            profile: {prod: p.json}
        """);
    assertTrue(
        message.startsWith(
            "scenarios/x/scenario.yaml:4: unknown field 'profile' in " + "'checks.matrix'"),
        message);
  }

  @Test
  void parse_rejectsStringForBoolean_whenQuoted() {
    String message =
        error(
            """
        checks: {twice: true}
        expect:
          reproducible: "false"
        """);
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'expect.reproducible': expected a boolean "
            + "(true or false), got a string 'false'",
        message);
  }

  @Test
  void parse_rejectsScalar_whereListIsExpected() {
    String message =
        error(
            """
        checks: {twice: true}
        expect:
          differs: /stamp
        """);
    assertTrue(
        message.contains(":3: field 'expect.differs': expected a list, got a string '/stamp'"),
        message);
  }

  @Test
  void parse_rejectsNumber_whereStringIsExpected() {
    String message =
        error(
            """
        build:
          args: {VERSION: 1.2}
        """);
    assertTrue(
        message.contains(":2: field 'build.args.VERSION': expected a string, got a number"),
        message);
  }

  @Test
  void parse_rejectsUnknownVerdict_listingTheKnownOnes() {
    String message = error("checks: {twice: true}\nexpect: {verdict: same}\n");
    assertTrue(
        message.contains(
            "field 'expect.verdict': expected one of config-only, content, "
                + "metadata, mtime-only, reproducible, got 'same'"),
        message);
  }

  @Test
  void parse_rejectsMalformedCulprit() {
    String message =
        error(
            """
        checks: {matrix: {profiles: {prod: p.json}}}
        expect:
          splits:
            - config: prod
              culprit: getrandom EPERM
        """);
    assertTrue(
        message.startsWith("scenarios/x/scenario.yaml:5: field 'expect.splits[0].culprit'"),
        message);
    assertTrue(message.contains("expected SYSCALL/ERRNO"), message);
  }

  @Test
  void parse_rejectsSplitInUnknownCell() {
    String message =
        error(
            """
        checks: {matrix: {configs: [unconfined]}}
        expect:
          splits: [{config: prod}]
        """);
    assertTrue(
        message.contains("'prod' is not a cell of this scenario's matrix (cells: unconfined)"),
        message);
  }

  @Test
  void parse_rejectsExpectation_whenItsCheckIsNotEnabled() {
    String message = error("expect: {findings: [leak.git]}\n");
    assertTrue(
        message.contains("expects findings/noFindingsAbove but checks.audit is not enabled"),
        message);
  }

  @Test
  void parse_rejectsDuplicateKey_namingBothLines() {
    String message = error("name: a\nname: b\n");
    assertEquals("scenarios/x/scenario.yaml:2: duplicate field 'name' (first on line 1)", message);
  }

  @Test
  void parse_rejectsNonBooleanScalarCheck() {
    String message = error("checks: {twice: yes please}\n");
    assertTrue(
        message.contains("field 'checks.twice': expected true, false or a mapping of options"),
        message);
  }

  @Test
  void parse_reportsLine_whenYamlIsMalformed() {
    String message = error("name: x\nchecks: [unclosed\n");
    assertTrue(message.startsWith("Error parsing scenario 'scenarios/x/scenario.yaml:"), message);
  }

  @Test
  void parse_expandsVariants_mergingBuildAndReplacingExpect() {
    List<Scenario> all =
        parse(
            """
        name: cache
        build: {dockerfile: Dockerfile, args: {VERSION: "1"}}
        checks: {audit: {cacheCheck: {arg: VERSION, values: ["1", "2"]}}}
        expect: {findings: [cache.needless-invalidation]}
        variants:
          fixed:
            build: {dockerfile: Dockerfile.fixed}
            expect: {noFindingsAbove: info}
        """);
    assertEquals(2, all.size());
    Scenario fixed = all.get(1);
    assertEquals("cache:fixed", fixed.name());
    assertEquals("Dockerfile.fixed", fixed.build().dockerfile());
    assertEquals(Map.of("VERSION", "1"), fixed.build().args());
    assertTrue(fixed.expect().findings().isEmpty());
    assertEquals(Severity.INFO, fixed.expect().noFindingsAbove());
    assertEquals("VERSION", fixed.checks().audit().cacheCheck().arg());
  }

  @Test
  void parse_rejectsUnknownKeyInVariant() {
    String message = error("variants:\n  fixed:\n    buld: {}\n");
    assertTrue(
        message.startsWith(
            "scenarios/x/scenario.yaml:3: unknown field 'buld' in " + "'variants.fixed'"),
        message);
  }

  @Test
  void parse_readsBaseDrift_requiringTwoVariants() {
    Scenario s = parse("baseDrift: {tag: 't:1', variants: [a, b]}\n").get(0);
    assertEquals(List.of("a", "b"), s.baseDrift().variants());
    String message = error("baseDrift: {tag: 't:1', variants: [a]}\n");
    assertTrue(message.contains("expected at least two variant directories, got 1"), message);
  }

  @Test
  void parse_rejectsMalformedRulePatternAndFindingId() {
    String pattern = error("checks: {audit: {rules: {enable: [linkage.]}}}\n");
    assertTrue(
        pattern.contains(
            "field 'checks.audit.rules.enable[0]': expected a rule id "
                + "(leak.git-dir), a category (leak) or leak.*, got 'linkage.'"),
        pattern);
    String finding = error("checks: {audit: true}\nexpect: {findings: [Linkage]}\n");
    assertTrue(finding.contains("field 'expect.findings[0]': expected a rule id"), finding);
  }

  @Test
  void parse_treatsYesAsAString_notABoolean() {
    String message = error("checks: {twice: true}\nexpect: {reproducible: yes}\n");
    assertTrue(message.contains("expected a boolean (true or false), got a string 'yes'"), message);
  }

  @Test
  void baseDrift_next_rotatesThroughVariants() {
    BaseDrift drift = new BaseDrift("t:1", List.of("base-a", "base-b"));
    List<String> ids = List.of("sha256:a", "sha256:b");
    assertEquals("base-a", drift.next(null, ids));
    assertEquals("base-a", drift.next("sha256:other", ids));
    assertEquals("base-b", drift.next("sha256:a", ids));
    assertEquals("base-a", drift.next("sha256:b", ids));
    assertThrows(IllegalArgumentException.class, () -> drift.next(null, List.of("x")));
  }
}
