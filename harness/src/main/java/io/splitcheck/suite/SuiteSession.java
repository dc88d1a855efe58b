package io.splitcheck.suite;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ExitCleanup;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TempFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Everything one run of scenarios holds open: the engine connection, the builder, the run id, and the
 * cleanup that removes the run's objects however it ends. Shared by {@code splitcheck run} and the
 * JUnit 5 extension.
 */
public final class SuiteSession implements AutoCloseable {
  private final DockerClient docker;
  private final String runId;
  private final Path work;
  private final ExitCleanup onExit;
  private final ScenarioExecutor executor;

  private SuiteSession(DockerClient docker, String runId, Path work, ScenarioExecutor executor) {
    this.docker = docker;
    this.runId = runId;
    this.work = work;
    this.executor = executor;
    this.onExit = ExitCleanup.install(runId, new Janitor(docker));
  }

  /**
   * @param docker an answering engine (see {@link DockerClients#answers}); closed with the session
   * @param dockerCli the docker CLI to build with, or null to probe
   */
  public static SuiteSession open(DockerClient docker, String dockerCli, Clock clock) throws EngineException {
    try {
      Path work = Files.createTempDirectory("splitcheck-run-");
      BuildKitBuilder builder = new BuildKitBuilder(BuildKitProbe.find(dockerCli), work);
      ImageStore images = new DockerImageStore(docker);
      String version = docker.versionCmd().exec().getVersion();
      String runId = RunId.next(clock);
      ScenarioExecutor executor = new ScenarioExecutor(builder, images,
          Suites.twice(builder, images, version), Suites.matrix(docker, runId), Suites.audit(null, images));
      return new SuiteSession(docker, runId, work, executor);
    } catch (IOException e) {
      throw new EngineException("cannot create a work folder: " + e.getMessage(), e);
    }
  }

  public String runId() {
    return runId;
  }

  public ScenarioExecutor executor() {
    return executor;
  }

  @Override
  public void close() {
    try {
      new Janitor(docker).removeRun(runId);
    } catch (EngineException e) {
      System.err.println("splitcheck: cleanup of run " + runId + " failed: " + e.getMessage());
    }
    onExit.close();
    TempFolder.deleteQuietly(work);
    try {
      docker.close();
    } catch (IOException e) {
      // closing a client cannot lose anything
    }
  }
}
