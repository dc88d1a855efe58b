package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditorTest {
  private static ImageView leaky() {
    return image()
        .layer("COPY id_rsa /root/id_rsa # buildkit")
        .file("/root/id_rsa", LeakRulesTest.KEY)
        .file("/app/.DS_Store", 4)
        .file("/app/tmp/x", 3)
        .layer("RUN |1 V=2 /bin/sh -c rm /root/id_rsa # buildkit")
        .whiteout("/root/id_rsa")
        .build();
  }

  private static AuditConfig config(String yaml) throws Exception {
    return AuditConfig.parse(
        "audit.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void audit_sortsBySeverityThenRuleThenPath() {
    AuditReport r = new Auditor().audit(AuditInput.of(leaky()));
    List<Finding> f = r.findings();
    for (int i = 1; i < f.size(); i++) {
      assertTrue(
          Finding.ORDER.compare(f.get(i - 1), f.get(i)) <= 0, f.get(i - 1) + " before " + f.get(i));
    }
    assertEquals("leak.private-key", f.get(0).rule());
    assertTrue(r.failsAt(Severity.ERROR));
  }

  @Test
  void audit_dropsDisabledRulesAndCategories_andOverridesSeverity() throws Exception {
    AuditConfig cfg =
        config("disable: [size.*, leak.junk]\nseverity:\n  leak.tmp-dir: error\n  leak: info\n");
    AuditReport r =
        new Auditor()
            .audit(AuditInput.of(leaky()).withConfig(cfg.disabling(List.of("leak.private-key"))));
    assertEquals(List.of("leak.tmp-dir"), r.findings().stream().map(Finding::rule).toList());
    assertEquals(Severity.ERROR, r.findings().get(0).severity());
    assertFalse(
        new Auditor()
            .audit(AuditInput.of(leaky()).withConfig(config("disable: [leak, size]\n")))
            .failsAt(Severity.INFO));
  }

  @Test
  void audit_runsOnlyEnabledRules_minusDisabledOnes() throws Exception {
    AuditConfig cfg =
        config("enable: [leak]\ndisable: [leak.junk]\n").enabling(List.of("size.efficiency"));
    List<String> rules =
        new Auditor()
            .audit(AuditInput.of(leaky()).withConfig(cfg)).findings().stream()
                .map(Finding::rule)
                .distinct()
                .toList();
    assertEquals(List.of("leak.private-key", "leak.tmp-dir", "size.efficiency"), rules);
  }

  @Test
  void config_rejectsUnknownRuleIdsAndKeys_namingTheFile() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config("disable: [leak.nope]\n"));
    assertTrue(
        e.getMessage().contains("audit.yaml") && e.getMessage().contains("leak.nope"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("disabled: [leak]\n"));
    assertTrue(e.getMessage().contains("unknown key 'disabled'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> config("severity: {leak: fatal}\n"));
    assertTrue(e.getMessage().contains("fatal"), e.getMessage());
  }

  @Test
  void audit_fillsDockerfileLineFromLayerStep() {
    Dockerfile df =
        Dockerfile.parse(
            "Dockerfile", "FROM scratch\nCOPY id_rsa /root/id_rsa\nRUN rm /root/id_rsa\n");
    AuditReport r =
        new Auditor()
            .audit(
                AuditInput.of(leaky())
                    .withDockerfile(df)
                    .withConfig(AuditConfig.DEFAULT.disabling(List.of("size", "dockerfile"))));
    Finding key = r.findings().get(0);
    assertEquals("leak.private-key", key.rule());
    assertEquals(2, key.evidence().line());
    Finding layer1 =
        new Auditor()
            .audit(AuditInput.of(leaky()).withDockerfile(df)).findings().stream()
                .filter(f -> f.rule().equals("size.layers") && f.evidence().layer() == 1)
                .findFirst()
                .orElseThrow();
    assertEquals(3, layer1.evidence().line());
  }

  @Test
  void writeJson_isDeterministicWithSummaryAndEvidence() throws Exception {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    new Auditor().audit(AuditInput.of(leaky())).writeJson(a);
    new Auditor().audit(AuditInput.of(leaky())).writeJson(b);
    assertEquals(a.toString(), b.toString());
    JsonNode json = new ObjectMapper().readTree(a.toByteArray());
    assertEquals(1, json.path("summary").path("error").asInt());
    JsonNode first = json.path("findings").get(0);
    assertEquals("leak.private-key", first.path("rule").asText());
    assertEquals("error", first.path("severity").asText());
    assertTrue(first.path("evidence").path("deletedInLaterLayer").asBoolean());
    assertEquals(0, first.path("evidence").path("layer").asInt());
  }

  @Test
  void writeJson_isReadByTheReportModel() throws Exception {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    AuditReport report = new Auditor().audit(AuditInput.of(leaky()));
    report.writeJson(json);
    AuditResult read =
        Json.read(new ByteArrayInputStream(json.toByteArray()), AuditResult.class, "audit.json");
    assertEquals(report.findings().size(), read.findings().size());
    Finding first = read.findings().get(0);
    assertEquals("leak.private-key", first.rule());
    assertEquals("error", first.severity().id());
    assertEquals(Boolean.TRUE, first.evidence().deletedInLaterLayer());
    assertEquals("/root/id_rsa", first.evidence().path());
  }
}
