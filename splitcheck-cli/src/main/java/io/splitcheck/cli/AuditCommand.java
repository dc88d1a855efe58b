package io.splitcheck.cli;

import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditIgnores;
import io.splitcheck.audit.AuditInput;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.audit.AuditText;
import io.splitcheck.audit.Auditor;
import io.splitcheck.audit.BuildContext;
import io.splitcheck.audit.BuildLog;
import io.splitcheck.audit.Dockerfile;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.RunId;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SarifRenderer;
import io.splitcheck.report.SingleCheckReports;
import io.splitcheck.report.TerminalText;
import io.splitcheck.suite.ImageAudit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code splitcheck audit IMAGE}: linkage, leaks, Dockerfile lint, secrets, cache and size checks.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Audit a local image (and optionally its Dockerfile, build context and build log). "
            + "Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: error.")
public final class AuditCommand implements Callable<Integer> {
  /** Opens the image store for the engine the common options name. */
  @FunctionalInterface
  interface Stores {
    ImageStore open(CommonOptions common) throws EngineException;
  }

  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin FormatOptions output = new FormatOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "IMAGE",
      description =
          "a local image (never pulled); without one, --dockerfile is audited alone (the rules that "
              + "need no image: dockerfile.*, context.*, secret.*, cache.* with --build-log)")
  String image;

  @Option(names = "--dockerfile", paramLabel = "FILE")
  Path dockerfile;

  @Option(names = "--context", paramLabel = "DIR")
  Path context;

  @Option(
      names = "--build-log",
      paramLabel = "FILE",
      description = "a --progress=plain build log (repeatable)")
  List<Path> buildLogs = new ArrayList<>();

  @Option(
      names = "--secret-ids",
      split = ",",
      paramLabel = "ID",
      description = "secret ids passed to the build")
  List<String> secretIds;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "also write the report as JSON (- for stdout)")
  Path json;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description = "error, warning or info (default: ${DEFAULT-VALUE})")
  String failOn;

  @Option(
      names = "--enable",
      split = ",",
      paramLabel = "RULE",
      description = "run only these rules or categories")
  List<String> enable = new ArrayList<>();

  @Option(
      names = "--disable",
      split = ",",
      paramLabel = "RULE",
      description = "rule ids or categories (leak, size.*)")
  List<String> disable = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML rule config (see docs/audit.md)")
  Path config;

  @Option(
      names = "--ignorefile",
      paramLabel = "FILE",
      description =
          "findings to leave out: RULE [PATH] "
              + "[image=REF] a line (default: .splitcheckignore here, when there is one); a Dockerfile's "
              + "'# splitcheck ignore=RULE' applies to the instruction after it")
  Path ignoreFile;

  @Option(
      names = "--verbose",
      description = "list every INFO finding (default: one line counting them by rule)")
  boolean verbose;

  @Option(
      names = "--entrypoint-only",
      description = "read only the ENTRYPOINT/CMD program and what it loads")
  boolean entrypointOnly;

  @Option(
      names = "--cache-check",
      paramLabel = "ARG=V1,V2",
      description =
          "build --context twice (ARG=V1, then ARG=V2) and report steps needlessly re-run")
  String cacheCheck;

  private final Stores stores;

  public AuditCommand() {
    this(c -> EngineConnection.open(c).images());
  }

  AuditCommand(Stores stores) {
    this.stores = stores;
  }

  @Override
  public Integer call() throws Exception {
    output.streams(spec.commandLine()).check("--json", json);
    Severity threshold = failOn(failOn);
    OutputPaths.file(json, "--json");
    requireExists("--dockerfile", dockerfile);
    requireExists("--config", config);
    requireExists("--context", context);
    for (Path log : buildLogs) {
      requireExists("--build-log", log);
    }
    AuditConfig cfg =
        (config == null ? AuditConfig.DEFAULT : AuditConfig.read(config))
            .enabling(enable)
            .disabling(disable);
    if (cacheCheck != null && context == null) {
      throw new IllegalArgumentException(
          "Error parsing --cache-check '" + cacheCheck + "': needs --context DIR");
    }
    if (cacheCheck != null && dockerfile == null) {
      dockerfile = context.resolve("Dockerfile"); // what docker build reads; audited too
    }
    AuditReport report =
        image == null
            ? withoutImage(cfg)
            : new ImageAudit(
                    image,
                    dockerfile,
                    context,
                    buildLogs,
                    secretIds,
                    cfg,
                    entrypointOnly,
                    cacheCheck)
                .run(
                    stores.open(common),
                    new BuildLogRunner(BuildLogRunner.DEFAULT_CLIENT, common.dockerHost),
                    RunId.next(Clock.systemUTC()));
    report =
        ignores()
            .apply(
                report,
                dockerfile == null ? null : Dockerfile.read(dockerfile),
                dockerfile == null ? null : Files.readString(dockerfile));
    PrintWriter human = output.human();
    Redactor redactor = Redactor.standard();
    human.print(
        Colours.paint(
            TerminalText.escape(redactor.redact(AuditText.render(report, verbose))),
            output.terminal(json).colour()));
    human.flush();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.writeJson(bytes);
    String document = bytes.toString(StandardCharsets.UTF_8);
    if (json != null) {
      output.writeJson(json, document, redactor);
    }
    output.emit(document, runReport(report, document, threshold), sarif(), redactor);
    return report.failsAt(threshold) ? 1 : 0;
  }

  private AuditIgnores ignores() throws IOException {
    requireExists("--ignorefile", ignoreFile);
    Path file = ignoreFile != null ? ignoreFile : Path.of(AuditIgnores.FILE);
    return Files.isRegularFile(file) ? AuditIgnores.read(file) : AuditIgnores.NONE;
  }

  /**
   * The Dockerfile (with its context and build logs when given) audited on its own: no engine is
   * asked.
   */
  private AuditReport withoutImage(AuditConfig cfg) throws IOException {
    if (dockerfile == null) {
      throw new IllegalArgumentException(
          "Error parsing IMAGE: none given; give a local image, or --dockerfile FILE "
              + "to audit a Dockerfile alone");
    }
    if (cacheCheck != null || entrypointOnly) {
      throw new IllegalArgumentException(
          "Error parsing "
              + (cacheCheck != null ? "--cache-check" : "--entrypoint-only")
              + ": needs an IMAGE");
    }
    List<BuildLog> logs = new ArrayList<>();
    for (Path p : buildLogs) {
      logs.add(BuildLog.read(p));
    }
    return new Auditor()
        .audit(
            AuditInput.of(null)
                .withDockerfile(Dockerfile.read(dockerfile))
                .withBuildLogs(logs)
                .withSecretIds(secretIds)
                .withConfig(cfg)
                .withContext(context == null ? null : BuildContext.scan(context, dockerfile)));
  }

  private RunReport runReport(AuditReport report, String document, Severity threshold) {
    AuditResult result = new AuditResult(report.findings());
    List<String> failures =
        report.findings().stream()
            .filter(f -> f.severity().atLeast(threshold))
            .map(f -> f.rule() + ": " + f.message())
            .toList();
    Clock clock = Clock.systemUTC();
    return SingleCheckReports.audit(
        image != null ? image : dockerfile.toString(),
        report.imageId(),
        "",
        result,
        failOn,
        failures,
        RunId.next(clock),
        clock);
  }

  /**
   * SARIF locates line findings in the --dockerfile given (as given, relative to where splitcheck
   * ran).
   */
  private SarifRenderer sarif() {
    return new SarifRenderer(s -> dockerfile == null ? null : dockerfile.toString());
  }

  private static void requireExists(String option, Path p) {
    if (p != null && !Files.exists(p)) {
      throw new IllegalArgumentException(
          "Error parsing " + option + " '" + p + "': no such file or directory");
    }
  }

  /** {@code --fail-on}, its bad value named with the option. */
  private static Severity failOn(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--fail-on '" + text + "': expected error, warning or info", e);
    }
  }
}
