package io.splitcheck.maven;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineReachability;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every splitcheck goal shares: {@code -Dsplitcheck.skip}, the engine to talk to, the report
 * folder, and the rule that without an answering engine a goal skips with the reason (or, with
 * {@code requireEngine}, fails). A goal returns the lines that fail the build; each is logged as an
 * error and the first few make the failure's message.
 */
public abstract class AbstractSplitCheckMojo extends AbstractMojo {
  /** Skip every splitcheck goal. */
  @Parameter(property = "splitcheck.skip", defaultValue = "false")
  boolean skip;

  /**
   * The engine: {@code unix:///PATH} or {@code tcp://HOST:PORT}; default DOCKER_HOST, else the
   * local socket.
   */
  @Parameter(property = "splitcheck.dockerHost")
  String dockerHost;

  /** Fail instead of skipping when no engine answers (CI that must not pass by skipping). */
  @Parameter(property = "splitcheck.requireEngine", defaultValue = "false")
  boolean requireEngine;

  /** Where the goal writes its reports (one folder per goal below it). */
  @Parameter(
      property = "splitcheck.reportDirectory",
      defaultValue = "${project.build.directory}/splitcheck")
  File reportDirectory;

  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  File basedir;

  @Parameter(defaultValue = "${project.artifactId}", readonly = true)
  String artifactId;

  /** The goal's name, as in {@code splitcheck:matrix}. */
  abstract String goal();

  /**
   * Runs the check on an engine that answers; returns the lines that fail the build, empty when it
   * passes.
   */
  abstract List<String> check(ConnectedEngine docker)
      throws EngineException, IOException, MojoExecutionException;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("splitcheck " + goal() + ": skipped (splitcheck.skip)");
      return;
    }
    List<String> failures;
    String unreachable = EngineReachability.unreachable(dockerHost);
    ConnectedEngine docker = null;
    String why = unreachable;
    if (why == null) {
      try {
        docker = ConnectedEngine.connect(dockerHost, false);
      } catch (EngineException e) {
        why = e.getMessage().replaceFirst("^no Docker engine answers \\((.*)\\)$", "$1");
      }
    }
    try (ConnectedEngine engine = docker) {
      if (why != null) {
        String message =
            "splitcheck "
                + goal()
                + ": skipped, no Docker engine answers at "
                + DockerClients.hostOf(dockerHost)
                + " ("
                + why
                + "); set DOCKER_HOST or <dockerHost> to use one";
        if (requireEngine) {
          throw new MojoExecutionException(
              message.replace("skipped, ", "") + " and splitcheck.requireEngine is set");
        }
        getLog().warn(message);
        return;
      }
      failures = check(engine);
    } catch (EngineException | IOException e) {
      throw new MojoExecutionException("splitcheck " + goal() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "splitcheck " + goal() + ": bad configuration: " + e.getMessage(), e);
    }
    if (!failures.isEmpty()) {
      failures.forEach(line -> getLog().error(line));
      throw new MojoFailureException(
          "splitcheck "
              + goal()
              + ": "
              + String.join("\n", failures.subList(0, Math.min(failures.size(), 5)))
              + (failures.size() > 5 ? "\n(" + failures.size() + " in all)" : ""));
    }
  }

  /** The goal's own report folder, created. */
  File reportFolder() throws IOException {
    File dir = new File(reportDirectory, goal());
    Files.createDirectories(dir.toPath());
    return dir;
  }

  /** {@code path} relative to the project's base directory when it is not absolute. */
  File resolve(File path) {
    return path == null || path.isAbsolute() ? path : new File(basedir, path.getPath());
  }
}
