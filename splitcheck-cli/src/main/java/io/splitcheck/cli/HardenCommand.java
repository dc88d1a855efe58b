package io.splitcheck.cli;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.RunId;
import io.splitcheck.k8s.Hardening;
import io.splitcheck.k8s.HardeningSnippets;
import io.splitcheck.matrix.CellResult;
import io.splitcheck.matrix.Harden;
import io.splitcheck.matrix.MatrixText;
import io.splitcheck.model.Durations;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.TerminalText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitcheck harden}: least privilege from the baseline's trace, written and verified. */
@Command(
    name = "harden",
    mixinStandardHelpOptions = true,
    description =
        "Trace the image's baseline run, derive least privilege (capabilities its calls needed, "
            + "directories it wrote, network, UID), write a Kubernetes Pod, docker run flags and a compose "
            + "service, and run the image under that Pod beside the baseline. Exit 0: verified (same "
            + "outcome), 1: not verified, 2: error.")
public final class HardenCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "a local image (never pulled)")
  String image;

  @Parameters(
      index = "1..*",
      paramLabel = "CMD",
      description = "after --: replaces the image's cmd")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      defaultValue = "unconfined",
      description = "the cell whose run is the reference; default ${DEFAULT-VALUE}")
  String baseline;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "per run; default ${DEFAULT-VALUE}")
  String timeout;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "splitcheck-harden",
      description =
          "where "
              + Harden.POD_FILE
              + ", "
              + Harden.DOCKER_FILE
              + " and "
              + Harden.COMPOSE_FILE
              + " are written; default ${DEFAULT-VALUE}")
  Path out;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    Duration perRun = Durations.positive(timeout, "--timeout");
    OutputPaths.dir(out, "--out");
    ContainerEngine engine = EngineConnection.open(common).containers();
    Redactor redactor = Redactor.standard();
    Harden.Result r =
        Harden.run(
            engine,
            image,
            command,
            baseline,
            perRun,
            out,
            RunId.next(Clock.systemUTC()),
            w ->
                System.err.println(
                    "splitcheck harden: warning: " + TerminalText.escape(redactor.redact(w))));
    Hardening h = r.hardening();
    StringBuilder text = new StringBuilder();
    text.append("least privilege for ")
        .append(image)
        .append(", from the trace of ")
        .append(baseline)
        .append(":\n");
    h.reasons().forEach(why -> text.append("  ").append(why).append('\n'));
    text.append("docker run: ").append(HardeningSnippets.dockerRun(h, image, command)).append('\n');
    text.append("written: ")
        .append(r.pod())
        .append(", ")
        .append(r.docker())
        .append(", ")
        .append(r.compose())
        .append('\n');
    ByteArrayOutputStream matrix = new ByteArrayOutputStream();
    MatrixText.print(r.verification(), new PrintStream(matrix, true, StandardCharsets.UTF_8));
    text.append(matrix.toString(StandardCharsets.UTF_8));
    CellResult cell = r.verification().run().cell(r.cell());
    text.append(
        r.verified()
            ? "verified: "
                + r.cell()
                + " ends as "
                + baseline
                + " does (exit "
                + cell.outcome().exitCode()
                + ")\n"
            : "NOT verified: "
                + r.cell()
                + " ends differently from "
                + baseline
                + " (see the split above)\n");
    System.out.print(TerminalText.escape(redactor.redact(text.toString())));
    System.out.flush();
    return r.verified() ? 0 : 1;
  }
}
