package io.splitcheck.maven;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.twice.Twice;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code splitcheck:twice}: builds the context twice with BuildKit and no cache and fails the build
 * when the two images differ, one line per differing file (layer, Dockerfile step, path, what
 * differs).
 */
@Mojo(name = "twice", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class TwiceMojo extends AbstractSplitCheckMojo {
  /** The build context (default: the project's base directory). */
  @Parameter(property = "splitcheck.context", defaultValue = "${project.basedir}")
  File context;

  /** The Dockerfile (default: context/Dockerfile). */
  @Parameter File dockerfile;

  @Parameter Map<String, String> buildArgs = new LinkedHashMap<>();

  /**
   * Differences that do not fail the build: a path ({@code /etc/ld.so.cache}, or a folder ending in
   * /) or a verdict ({@code config-only}, {@code mtime-only}).
   */
  @Parameter List<String> accept = new ArrayList<>();

  @Override
  String goal() {
    return "twice";
  }

  @Override
  List<String> check(ConnectedEngine docker) throws EngineException, IOException {
    String runId = RunId.next(Clock.systemUTC());
    File ctx = resolve(context);
    BuildRequest request =
        ImageUnderTest.request(
            ctx, resolve(dockerfile), buildArgs, Twice.tag(runId, "first"), true);
    Path work = TempFolder.directory("twice-");
    try {
      BuildKitBuilder builder = new BuildKitBuilder(BuildKitProbe.find(null), work, dockerHost);
      getLog()
          .info(
              "splitcheck twice: "
                  + ctx
                  + " (builder: "
                  + builder.client().describe()
                  + ", run "
                  + runId
                  + ")");
      Twice twice = new Twice(builder, docker.images(), docker.version(), true);
      TwiceResult result = twice.run(request, runId, false);
      List<String> failures = failures(result);
      File dir = reportFolder();
      new ReportWriter()
          .write(
              PluginReports.twice(ctx.toString(), result, failures, Clock.systemUTC()),
              dir.toPath());
      getLog()
          .info(
              "splitcheck twice: "
                  + result.verdict()
                  + "; report "
                  + new File(dir, ReportWriter.HTML));
      return failures;
    } finally {
      TempFolder.deleteQuietly(work);
    }
  }

  List<String> failures(TwiceResult result) {
    if (result.reproducible() || accept.contains(result.verdict().id())) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (Difference d : result.differences()) {
      if (!accepted(d.path())) {
        lines.add(
            "not reproducible: layer "
                + d.layer()
                + " ("
                + d.step()
                + "): "
                + d.path()
                + " differs in "
                + String.join(", ", d.kinds().stream().map(DiffKind::id).toList())
                + (d.detail() == null ? "" : ": " + d.detail()));
      }
    }
    for (String field : result.configDifferences()) {
      if (!accepted(field)) {
        lines.add("not reproducible: image config field " + field + " differs");
      }
    }
    return lines;
  }

  private boolean accepted(String path) {
    return accept.stream().anyMatch(a -> a.equals(path) || (a.endsWith("/") && path.startsWith(a)));
  }
}
