package io.splitcheck.suite;

import io.splitcheck.build.Twice;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.ReportJson;
import io.splitcheck.report.TwiceResult;
import io.splitcheck.scenario.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The real implementations of the scenario checks, over one engine. */
public final class Suites {
  private Suites() {}

  /** Placeholder until the matrix lands: the check reports it cannot run. */
  public static ScenarioChecks.Matrix matrix(com.github.dockerjava.api.DockerClient docker, String runId) {
    return (s, image, id) -> {
      throw new UnsupportedOperationException("the matrix check is not available in this build");
    };
  }

  /** The audit over the scenario's image, its Dockerfile, context and build log. */
  public static ScenarioChecks.Audit audit(String dockerHost, ImageStore images) {
    return (s, image, log, runId) -> {
      Checks.Audit a = s.checks().audit();
      List<String> secretIds = new ArrayList<>();
      s.build().secrets().forEach(secret -> secretIds.add(secret.id()));
      secretIds.addAll(a.secretIds());
      AuditConfig config = AuditConfig.DEFAULT.enabling(a.enable()).disabling(a.disable());
      String cacheCheck = a.cacheCheck() == null ? null
          : a.cacheCheck().arg() + "=" + String.join(",", a.cacheCheck().values());
      ImageAudit audit = new ImageAudit(image, s.dockerfile(), s.context(), log == null ? List.of() : List.of(log),
          secretIds, config, a.entrypointOnly(), cacheCheck);
      AuditReport report = audit.run(images, new BuildLogRunner(BuildLogRunner.DEFAULT_CLIENT, dockerHost), runId);
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      report.writeJson(json);
      return ReportJson.readResult(new ByteArrayInputStream(json.toByteArray()), AuditResult.class,
          "audit of " + s.name());
    };
  }

  public static ScenarioChecks.Twice twice(ImageBuilder builder, ImageStore images, String engineVersion) {
    Twice twice = new Twice(builder, images, engineVersion);
    return (scenario, runId) -> {
      String label = ScenarioBuild.tagSafe(scenario.name());
      var request = ScenarioBuild.request(scenario, Twice.tag(runId, label), true);
      return Results.convert(twice.run(request, runId, label, false), TwiceResult.class);
    };
  }
}
