package io.splitcheck.cli;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.VariedTwiceResult;
import io.splitcheck.diff.Verdict;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.SarifRenderer;
import io.splitcheck.report.SingleCheckReports;
import io.splitcheck.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code twice} prints and writes about one run (the summary, {@code --json}, the {@code
 * --format} on stdout, the {@code --accept} note) and the exit code it makes of the verdict.
 */
final class TwiceReport {
  /**
   * The verdict {@code --accept} names, or null; bad input names the option and what is expected.
   */
  static Verdict acceptedVerdict(String accept) {
    if (accept == null) {
      return null;
    }
    for (Verdict v : List.of(Verdict.CONFIG_ONLY, Verdict.MTIME_ONLY, Verdict.METADATA)) {
      if (v.id().equals(accept)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "--accept '" + accept + "': expected config-only, mtime-only or metadata");
  }

  private final CommandSpec spec;
  private final FormatOptions output;
  private final Path json;
  private final Path dockerfile;
  private final Path context;
  private final Verdict accepted;
  private final Clock clock;
  private final String runId;
  private final Redactor redactor;

  /**
   * @param dockerfile {@code -f}, or null for the context's Dockerfile
   * @param accepted {@code --accept}'s verdict, or null
   */
  TwiceReport(
      CommandSpec spec,
      FormatOptions output,
      Path json,
      Path dockerfile,
      Path context,
      Verdict accepted,
      Clock clock,
      String runId,
      Redactor redactor) {
    this.spec = spec;
    this.output = output;
    this.json = json;
    this.dockerfile = dockerfile;
    this.context = context;
    this.accepted = accepted;
    this.clock = clock;
    this.runId = runId;
    this.redactor = redactor;
  }

  /** The line that starts a run's output: what is built, by what, in which run. */
  static void header(PrintWriter out, Path context, String builder, String runId) {
    out.println(
        TerminalText.escape("twice: " + context)
            + " (builder: "
            + builder
            + ", run "
            + runId
            + ")");
    out.flush();
  }

  /** The standard redactor, also blanking the build's secret files' contents wherever they show. */
  static Redactor redactor(BuildRequest request) throws IOException {
    List<String> values = new ArrayList<>();
    for (BuildRequest.Secret s : request.secrets()) {
      values.add(Files.readString(s.source()));
    }
    return Redactor.standard().withLiterals(values);
  }

  /** The human summary of the two builds' comparison. */
  void summary(TwiceResult result, boolean colour) {
    PrintWriter out = output.human();
    out.print(
        Colours.paint(TerminalText.escape(redactor.redact(TwiceSummary.render(result))), colour));
    out.flush();
  }

  /**
   * {@code --vary}: the control's summary, then what each variation changed and which paths it
   * moved.
   */
  int printed(VariedTwiceResult varied) throws IOException {
    PrintWriter out = output.human();
    out.print(
        Colours.paint(
            TerminalText.escape(
                redactor.redact(
                    TwiceSummary.render(varied.twice()) + VariedSummary.render(varied))),
            output.terminal(json).colour()));
    out.flush();
    return written(varied.twice(), varied);
  }

  /** {@code --json} and the {@code --format} on stdout; the exit code (0 reproducible, 1 not). */
  int written(TwiceResult result, Object record) throws IOException {
    String document = Json.text(Document.of(record));
    if (json != null) {
      output.writeJson(json, document, redactor);
    }
    List<String> failures =
        result.reproducible() ? List.of() : SingleCheckReports.differenceLines(result);
    output.emit(
        document,
        SingleCheckReports.twice(context.toString(), result, failures, runId, clock),
        new SarifRenderer(
            s ->
                dockerfile != null
                    ? dockerfile.toString()
                    : context.resolve("Dockerfile").toString()),
        redactor);
    if (accepted != null && !result.reproducible()) {
      PrintWriter note = spec.commandLine().getErr();
      note.println(
          (result.accepted(accepted) ? "accepted: " : "not accepted: ")
              + result.verdict().id()
              + (result.accepted(accepted) ? " is within --accept " : " is worse than --accept ")
              + accepted.id());
      note.flush();
    }
    return result.accepted(accepted) ? 0 : 1;
  }
}
