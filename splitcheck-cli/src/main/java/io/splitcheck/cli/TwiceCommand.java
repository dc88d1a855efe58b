package io.splitcheck.cli;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.VariedTwiceResult;
import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildxExporter;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ExitCleanup;
import io.splitcheck.engine.GitCommitTime;
import io.splitcheck.engine.Janitor;
import io.splitcheck.engine.PodmanBuilder;
import io.splitcheck.engine.Shutdown;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.TerminalText;
import io.splitcheck.twice.ExportedTwice;
import io.splitcheck.twice.Twice;
import io.splitcheck.twice.Variation;
import io.splitcheck.twice.VariedTwice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code splitcheck twice}: build a context twice with BuildKit and no cache, and explain every
 * difference.
 */
@Command(
    name = "twice",
    mixinStandardHelpOptions = true,
    description =
        "Build CONTEXT twice with BuildKit and no cache; compare the images and explain every "
            + "difference. Exit 0 reproducible, 1 not, 2 error.")
public final class TwiceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin BuildOptions build = new BuildOptions();
  @Mixin FormatOptions output = new FormatOptions();

  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the result as JSON (- for stdout).")
  Path json;

  @Option(
      names = "--keep",
      description = "Keep both images (tagged splitcheck-twice/<run id>:first|second).")
  boolean keep;

  @Option(
      names = "--via-save",
      description =
          "Compare the images through docker save even when the "
              + "engine's overlay2 store can be read from here (by default it is read directly: only the layers "
              + "whose diffIDs differ, nothing copied out of the engine).")
  boolean viaSave;

  @Option(
      names = "--accept",
      paramLabel = "VERDICT",
      description =
          "Exit 0 when the verdict is this or "
              + "better: config-only, mtime-only or metadata (for a CI gate on an engine that cannot do better, "
              + "e.g. Docker 20.10's BuildKit v0.8 stamps config timestamps: --accept config-only). Default: only "
              + "reproducible exits 0.")
  String accept;

  @Option(
      names = "--source-date-epoch",
      paramLabel = "SECONDS",
      description =
          "On an engine whose "
              + "BuildKit is v0.13+ (Docker 26): the SOURCE_DATE_EPOCH both builds get; on Podman (buildah 1.28 "
              + "reads no SOURCE_DATE_EPOCH): podman build --timestamp SECONDS (default: the time of the "
              + "context's latest git commit, where there is one).")
  Long sourceDateEpoch;

  @Option(
      names = "--buildx",
      paramLabel = "PATH",
      description =
          "The docker-buildx binary for an engine "
              + "whose BuildKit is v0.13+ (default: "
              + BuildxExporter.ENV
              + ", else scripts/engine's "
              + "docker-26 one). There both builds are exported as tarballs with rewrite-timestamp=true and "
              + "those are compared (--keep and --via-save do not apply).")
  Path buildx;

  @Option(
      names = "--vary",
      paramLabel = "LIST",
      description =
          "After the two builds, one more build per "
              + "variation, each compared with the first, as reprotest does: time (SOURCE_DATE_EPOCH passed, or "
              + "moved 398 days), mtime (the context's mtimes 398 days later), order (the context created in "
              + "reverse name order), umask (the context's group-write bits flipped), or all. The report says "
              + "which variations each differing path is sensitive to.")
  String vary;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    Timings.mark("call");
    output.streams(spec.commandLine()).check("--json", json);
    TwiceReport.acceptedVerdict(accept); // a bad --accept fails before anything is built
    List<Variation> variations = vary == null ? List.of() : Variation.parse(vary);
    OutputPaths.file(json, "--json");
    TwiceAhead.Begun begun =
        TwiceAhead.begin(
            variations.isEmpty(),
            id -> build.toRequest(context, Twice.tag(id, "first")),
            common.dockerHost,
            build.dockerCli,
            clock);
    String runId = begun.runId();
    BuildRequest request = begun.request();
    Redactor redactor = TwiceReport.redactor(request);
    Path work = begun.work();
    TwiceStart start;
    try {
      start =
          TwiceStart.open(
              common,
              build,
              request,
              work,
              variations.isEmpty(),
              begun.first(),
              begun.remembered());
    } catch (EngineException | RuntimeException e) {
      TempFolder.deleteQuietly(work);
      throw e;
    }
    ConnectedEngine engine = start.engine();
    String engineVersion = start.engineVersion();
    Optional<Path> exporting =
        ExportedTwice.supports(engineVersion) ? BuildxExporter.find(buildx) : Optional.empty();
    if (exporting.isPresent()) {
      try {
        return exported(
            new BuildxExporter(exporting.get(), DockerClients.hostOf(common.dockerHost)),
            request,
            work,
            runId,
            redactor,
            variations);
      } finally {
        TempFolder.deleteQuietly(work);
        engine.close();
      }
    }
    boolean podman = start.podman();
    Janitor janitor = engine.janitor();
    ExitCleanup onExit = keep ? null : ExitCleanup.install(runId, janitor);
    try {
      janitor.claim(runId, keep); // before any image is tagged: gc reads who runs this from it
      Timings.mark("claimed");
      String host = DockerClients.hostOf(common.dockerHost);
      Twice twice;
      String describe;
      if (podman) {
        OptionalLong timestamp = epoch();
        PodmanBuilder builder = new PodmanBuilder(host, work, timestamp);
        describe = builder.describe();
        twice = Twice.onPodman(builder, engine.images(), engineVersion, !viaSave, timestamp);
      } else {
        BuildKitBuilder builder = new BuildKitBuilder(start.client(), work, host);
        Timings.mark("probe");
        describe = builder.client().describe();
        twice = new Twice(builder, engine.images(), engineVersion, !viaSave);
        start.first().ifPresent(twice::withStartedFirst);
      }
      twice.withPhases(Timings::mark);
      PrintWriter out = output.human();
      TwiceReport.header(out, context, describe, runId);
      if (!variations.isEmpty()) {
        VariedTwiceResult varied =
            new VariedTwice(twice, clock).run(request, runId, variations, work, keep);
        return report(runId, redactor).printed(varied);
      }
      TwiceResult result;
      Terminal terminal = output.terminal(json);
      try (ProgressLine progress = ProgressLine.start("twice", terminal).total("build", 2)) {
        result = twice.run(request, runId, keep);
      }
      report(runId, redactor).summary(result, terminal.colour());
      if (keep) {
        out.println("kept: " + Twice.tag(runId, "first") + " " + Twice.tag(runId, "second"));
      }
      out.flush();
      int exit = report(runId, redactor).written(result, result);
      Timings.mark("written");
      return exit;
    } finally {
      start.discardUntaken();
      TempFolder.deleteQuietly(work);
      // stopping (SIGTERM, Ctrl-C): the exit hook removes the images over this connection; leave it
      // open
      boolean stopping = onExit != null ? !onExit.release() : Shutdown.started();
      if (!stopping) {
        if (onExit != null) {
          releaseQuietly(janitor, engine, runId);
        }
        engine.close();
      }
    }
  }

  /**
   * Docker 26 and later: both builds exported with rewrite-timestamp=true, the tarballs compared.
   */
  private int exported(
      BuildxExporter exporter,
      BuildRequest request,
      Path work,
      String runId,
      Redactor redactor,
      List<Variation> variations)
      throws Exception {
    OptionalLong epoch = epoch();
    ExportedTwice.EpochSource source =
        sourceDateEpoch != null
            ? ExportedTwice.EpochSource.OPTION
            : epoch.isPresent()
                ? ExportedTwice.EpochSource.GIT_COMMIT
                : ExportedTwice.EpochSource.NONE;
    TwiceReport.header(output.human(), context, exporter.describe(), runId);
    VariedTwiceResult varied =
        new ExportedTwice(exporter, work).run(request, epoch, source, variations, clock);
    if (!variations.isEmpty()) {
      return report(runId, redactor).printed(varied);
    }
    TwiceResult result = varied.twice();
    report(runId, redactor).summary(result, output.terminal(json).colour());
    return report(runId, redactor).written(result, result);
  }

  /** {@code --source-date-epoch}, else the time of the context's latest git commit, else none. */
  private OptionalLong epoch() {
    return sourceDateEpoch != null
        ? OptionalLong.of(sourceDateEpoch)
        : GitCommitTime.latest(context);
  }

  private TwiceReport report(String runId, Redactor redactor) {
    return new TwiceReport(
        spec,
        output,
        json,
        build.dockerfile,
        context,
        TwiceReport.acceptedVerdict(accept),
        clock,
        runId,
        redactor);
  }

  /**
   * The owner record goes with the images; a failure to remove it is gc's to finish, not the run's
   * error, and when the engine went away the run's own error already says what is left.
   */
  private void releaseQuietly(Janitor janitor, ConnectedEngine engine, String runId) {
    try {
      janitor.release(runId);
    } catch (EngineException e) {
      if (!engine.containers().answers()) {
        return;
      }
      spec.commandLine()
          .getErr()
          .println(
              TerminalText.line(
                  "splitcheck twice: " + e.getMessage() + " (`splitcheck gc` removes it)"));
    }
  }
}
