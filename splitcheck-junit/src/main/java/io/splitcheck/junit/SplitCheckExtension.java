package io.splitcheck.junit;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.scenario.Scenario;
import io.splitcheck.scenario.ScenarioLoader;
import io.splitcheck.suite.SuiteSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link SplitCheckSuite}: skips (or, strict, fails) without an engine; opens
 * one suite session per test class, closed — and the run's objects removed — when the class ends;
 * hands test factories a {@link ScenarioTests}.
 */
public final class SplitCheckExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SplitCheckExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    SplitCheckSuite config = config(context);
    if (config == null) {
      return ConditionEvaluationResult.enabled("not a splitcheck suite");
    }
    String reason = EngineCheck.whyNoEngine();
    if (reason == null) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    if (config.strict() || EngineCheck.required()) {
      throw new IllegalStateException(reason + " — and this suite is strict");
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == ScenarioTests.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext context) {
    SplitCheckSuite config = config(context);
    if (config == null) {
      throw new ParameterResolutionException(
          "ScenarioTests needs @SplitCheckSuite on the test class");
    }
    ExtensionContext classContext =
        context.getParent().filter(c -> c.getTestMethod().isEmpty()).orElse(context);
    return classContext
        .getStore(NS)
        .getOrComputeIfAbsent(ScenarioTests.class, k -> open(config), ScenarioTests.class);
  }

  private static ScenarioTests open(SplitCheckSuite config) {
    try {
      List<Scenario> scenarios =
          ScenarioLoader.select(
              new ScenarioLoader().load(Path.of(config.scenarios())), List.of(config.only()));
      SuiteSession session =
          SuiteSession.open(ConnectedEngine.connect(null), null, Clock.systemUTC());
      Path reports = config.reportDir().isEmpty() ? null : Path.of(config.reportDir());
      return new ScenarioTests(session, scenarios, reports, Clock.systemUTC());
    } catch (IOException | EngineException e) {
      throw new ParameterResolutionException(
          "cannot open the splitcheck suite '" + config.scenarios() + "': " + e.getMessage(), e);
    }
  }

  private static SplitCheckSuite config(ExtensionContext context) {
    return context
        .getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, SplitCheckSuite.class))
        .orElse(null);
  }
}
