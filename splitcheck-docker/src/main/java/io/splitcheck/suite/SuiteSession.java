package io.splitcheck.suite;

import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitClient;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ExitCleanup;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.Shutdown;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.report.TerminalText;
import io.splitcheck.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Everything one run of scenarios holds open: the engine connections, the builder, the run id, and
 * the cleanup that removes the run's objects from every engine however it ends. Builds (and twice
 * and audit) use the first engine; matrices spread their cells over all of them. Shared by {@code
 * splitcheck run} and the JUnit 5 extension.
 */
public final class SuiteSession implements AutoCloseable {
  private final List<ConnectedEngine> engines;
  private final String runId;
  private final Path work;
  private final ExitCleanup onExit;
  private final ScenarioExecutor executor;

  private SuiteSession(
      List<ConnectedEngine> engines, String runId, Path work, ScenarioExecutor executor) {
    this.engines = List.copyOf(engines);
    this.runId = runId;
    this.work = work;
    this.executor = executor;
    this.onExit =
        ExitCleanup.install(runId, engines.stream().map(ConnectedEngine::janitor).toList());
  }

  /**
   * @param engine an answering engine ({@link ConnectedEngine#connect}); closed with the session
   * @param dockerCli the docker CLI to build with, or null to probe
   */
  public static SuiteSession open(ConnectedEngine engine, String dockerCli, Clock clock)
      throws EngineException {
    return open(List.of(engine), dockerCli, clock);
  }

  /**
   * @param engines answering engines, each once; the first builds; all are closed with the session
   * @param dockerCli the docker CLI to build with, or null to probe
   */
  public static SuiteSession open(List<ConnectedEngine> engines, String dockerCli, Clock clock)
      throws EngineException {
    return open(engines, BuildKitProbe.find(dockerCli), clock);
  }

  /**
   * @param engines answering engines, each once; the first builds; all are closed with the session
   * @param client the docker CLI to build with, already probed (the CLI probes while it connects)
   */
  public static SuiteSession open(List<ConnectedEngine> engines, BuildKitClient client, Clock clock)
      throws EngineException {
    if (engines.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least one engine");
    }
    ConnectedEngine first = engines.get(0);
    try {
      String runId = RunId.next(clock);
      Path work = TempFolder.create("splitcheck-run-", runId);
      BuildKitBuilder builder = new BuildKitBuilder(client, work, first.url());
      ImageStore images = first.images();
      for (ConnectedEngine engine : engines) {
        engine.janitor().claim(runId, false); // before any image is tagged or copied there
      }
      ScenarioExecutor executor =
          new ScenarioExecutor(
              builder,
              images,
              Suites.twice(builder, images, first.info().version(), first.url(), work),
              Suites.matrix(engines, runId),
              Suites.audit(first.url(), images));
      return new SuiteSession(engines, runId, work, executor);
    } catch (IOException e) {
      throw new EngineException("cannot create a work folder: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses, before anything is built, a scenario whose {@code engines:} names a kind no engine of
   * this run is ({@link ScenarioEngines}).
   */
  public void checkEngines(List<Scenario> scenarios) throws EngineException {
    if (scenarios.stream().allMatch(s -> s.engines().isEmpty())) {
      return;
    }
    ScenarioEngines kinds = Suites.kindsOf(engines);
    scenarios.forEach(kinds::select);
  }

  public String runId() {
    return runId;
  }

  public ScenarioExecutor executor() {
    return executor;
  }

  @Override
  public void close() {
    if (Shutdown.started()) {
      // SIGTERM or Ctrl-C: the exit hook removes the run's objects over these connections; leave
      // them open
      TempFolder.deleteQuietly(work);
      return;
    }
    for (ConnectedEngine engine : engines) {
      try {
        engine.janitor().removeRun(runId);
      } catch (EngineException e) {
        System.err.println(
            TerminalText.line(
                "splitcheck: cleanup of run "
                    + runId
                    + " on "
                    + engine.host()
                    + " failed: "
                    + e.getMessage()
                    + " (run `splitcheck gc` there later)"));
      }
    }
    onExit.close();
    TempFolder.deleteQuietly(work);
    engines.forEach(ConnectedEngine::close);
  }
}
