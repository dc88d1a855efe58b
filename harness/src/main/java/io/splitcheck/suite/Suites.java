package io.splitcheck.suite;

import io.splitcheck.build.Twice;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.report.TwiceResult;

/** The real implementations of the scenario checks, over one engine. */
public final class Suites {
  private Suites() {}

  /** Placeholder until the matrix lands: the check reports it cannot run. */
  public static ScenarioChecks.Matrix matrix(com.github.dockerjava.api.DockerClient docker, String runId) {
    return (s, image, id) -> {
      throw new UnsupportedOperationException("the matrix check is not available in this build");
    };
  }

  /** Placeholder until the audit lands: the check reports it cannot run. */
  public static ScenarioChecks.Audit audit(com.github.dockerjava.api.DockerClient docker, ImageStore images) {
    return (s, image, log, id) -> {
      throw new UnsupportedOperationException("the audit check is not available in this build");
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
