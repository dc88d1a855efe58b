package io.splitcheck.cli;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.twice.ExportedTwice;
import io.splitcheck.twice.Twice;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitClient;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildxExporter;
import io.splitcheck.engine.GitCommitTime;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.ExitCleanup;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.report.Redactor;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code splitcheck twice}: build a context twice with BuildKit and no cache, and explain every difference. */
@Command(name = "twice", mixinStandardHelpOptions = true,
    description = "Build CONTEXT twice with BuildKit and no cache; compare the images and explain every "
        + "difference. Exit 0 reproducible, 1 not, 2 error.")
public final class TwiceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin BuildOptions build = new BuildOptions();

  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON.")
  Path json;

  @Option(names = "--keep", description = "Keep both images (tagged splitcheck-twice/<run id>:first|second).")
  boolean keep;

  @Option(names = "--via-save", description = "Compare the images through docker save even when the "
      + "engine's overlay2 store can be read from here (by default it is read directly: only the layers "
      + "whose diffIDs differ, nothing copied out of the engine).")
  boolean viaSave;

  @Option(names = "--source-date-epoch", paramLabel = "SECONDS", description = "On an engine whose "
      + "BuildKit is v0.13+ (Docker 26): the SOURCE_DATE_EPOCH both builds get (default: the time of the "
      + "context's latest git commit, where there is one).")
  Long sourceDateEpoch;

  @Option(names = "--buildx", paramLabel = "PATH", description = "The docker-buildx binary for an engine "
      + "whose BuildKit is v0.13+ (default: " + BuildxExporter.ENV + ", else scripts/engine's "
      + "docker-26 one). There both builds are exported as tarballs with rewrite-timestamp=true and "
      + "those are compared (--keep and --via-save do not apply).")
  Path buildx;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    String runId = RunId.next(clock);
    BuildRequest request = build.toRequest(context, Twice.tag(runId, "first"));
    Redactor redactor = Redactor.standard().withLiterals(secretValues(request));
    // the probe runs docker CLIs: while they run, the engine connection is opened
    java.util.concurrent.CompletableFuture<BuildKitClient> probe =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return BuildKitProbe.find(build.dockerCli);
          } catch (EngineException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    DockerClient docker = EngineConnection.open(common);
    Path work = Files.createTempDirectory("splitcheck-twice-");
    String engineVersion = EngineConnection.version(docker);
    java.util.Optional<Path> exporting = ExportedTwice.supports(engineVersion)
        ? BuildxExporter.find(buildx) : java.util.Optional.empty();
    if (exporting.isPresent()) {
      try {
        return exported(new BuildxExporter(exporting.get(), DockerClients.hostOf(common.dockerHost)),
            request, work, runId, redactor);
      } finally {
        TempFolder.deleteQuietly(work);
        docker.close();
      }
    }
    ExitCleanup onExit = keep ? null : ExitCleanup.install(runId, new Janitor(docker));
    try {
      BuildKitBuilder builder = new BuildKitBuilder(probed(probe), work);
      PrintWriter out = spec.commandLine().getOut();
      out.println("twice: " + context + " (builder: " + builder.client().describe() + ", run " + runId + ")");
      out.flush();
      Twice twice = new Twice(builder, new DockerImageStore(docker, DockerClients.hostOf(common.dockerHost)),
          engineVersion, !viaSave);
      TwiceResult result = twice.run(request, runId, keep);
      out.print(redactor.redact(TwiceSummary.render(result)));
      if (keep) {
        out.println("kept: " + Twice.tag(runId, "first") + " " + Twice.tag(runId, "second"));
      }
      out.flush();
      if (json != null) {
        JsonOutput.write(json, result, redactor);
      }
      return result.reproducible() ? 0 : 1;
    } finally {
      if (onExit != null) {
        onExit.close();
      }
      TempFolder.deleteQuietly(work);
      docker.close();
    }
  }

  /** Docker 26 and later: both builds exported with rewrite-timestamp=true, the tarballs compared. */
  private int exported(BuildxExporter exporter, BuildRequest request, Path work, String runId,
      Redactor redactor) throws Exception {
    OptionalLong epoch = sourceDateEpoch != null ? OptionalLong.of(sourceDateEpoch) : GitCommitTime.latest(context);
    ExportedTwice.EpochSource source = sourceDateEpoch != null ? ExportedTwice.EpochSource.OPTION
        : epoch.isPresent() ? ExportedTwice.EpochSource.GIT_COMMIT : ExportedTwice.EpochSource.NONE;
    PrintWriter out = spec.commandLine().getOut();
    out.println("twice: " + context + " (builder: " + exporter.describe() + ", run " + runId + ")");
    out.flush();
    TwiceResult result = new ExportedTwice(exporter, work).run(request, epoch, source);
    out.print(redactor.redact(TwiceSummary.render(result)));
    out.flush();
    if (json != null) {
      JsonOutput.write(json, result, redactor);
    }
    return result.reproducible() ? 0 : 1;
  }

  private static BuildKitClient probed(java.util.concurrent.CompletableFuture<BuildKitClient> probe)
      throws EngineException {
    try {
      return probe.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof EngineException ee) {
        throw ee;
      }
      throw e;
    }
  }

  /** The contents of the build's secret files: blanked wherever they might show up in the output. */
  private static List<String> secretValues(BuildRequest request) throws java.io.IOException {
    List<String> values = new java.util.ArrayList<>();
    for (BuildRequest.Secret s : request.secrets()) {
      values.add(Files.readString(s.source()));
    }
    return values;
  }
}
