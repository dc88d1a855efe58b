package io.splitcheck.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether an engine answers; skips or fails as {@link RequiresEngine} says. */
final class EngineCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    if ("1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new IllegalStateException(
          "no Docker engine answers and SPLITCHECK_REQUIRE_ENGINE=1: run scripts/engine");
    }
    return ConditionEvaluationResult.disabled(
        "no Docker engine answers (start one with scripts/engine)");
  }
}
