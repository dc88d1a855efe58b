package io.splitcheck.suite;

import io.splitcheck.build.Twice;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.report.TwiceResult;

/** The real implementations of the scenario checks, over one engine. */
public final class Suites {
  private Suites() {}

  public static ScenarioChecks.Twice twice(ImageBuilder builder, ImageStore images, String engineVersion) {
    Twice twice = new Twice(builder, images, engineVersion);
    return (scenario, runId) -> {
      String label = ScenarioBuild.tagSafe(scenario.name());
      var request = ScenarioBuild.request(scenario, Twice.tag(runId, label), true);
      return Results.convert(twice.run(request, runId, label, false), TwiceResult.class);
    };
  }
}
