package io.splitcheck.cli;

import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditInput;
import io.splitcheck.audit.AuditInput.BasePin;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.audit.Auditor;
import io.splitcheck.audit.BuildContext;
import io.splitcheck.audit.BuildLog;
import io.splitcheck.audit.Dockerfile;
import io.splitcheck.audit.ImageView;
import io.splitcheck.model.Severity;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.DockerImageStore;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.RunId;
import io.splitcheck.suite.ImageAudit;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code splitcheck audit IMAGE}: linkage, leaks, Dockerfile lint, secrets, cache and size checks. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Audit a local image (and optionally its Dockerfile, build context and build log). "
        + "Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: error.")
public final class AuditCommand implements Callable<Integer> {
  /** Opens the image store for the engine the common options name. */
  @FunctionalInterface
  interface Stores {
    ImageStore open(CommonOptions common) throws EngineException;
  }

  @Spec CommandSpec spec;
  @Mixin CommonOptions common = new CommonOptions();

  @Parameters(index = "0", paramLabel = "IMAGE", description = "a local image (never pulled)")
  String image;

  @Option(names = "--dockerfile", paramLabel = "FILE") Path dockerfile;
  @Option(names = "--context", paramLabel = "DIR") Path context;
  @Option(names = "--build-log", paramLabel = "FILE", description = "a --progress=plain build log (repeatable)")
  List<Path> buildLogs = new ArrayList<>();
  @Option(names = "--secret-ids", split = ",", paramLabel = "ID", description = "secret ids passed to the build")
  List<String> secretIds;
  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON") Path json;
  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
      description = "error, warning or info (default: ${DEFAULT-VALUE})") String failOn;
  @Option(names = "--enable", split = ",", paramLabel = "RULE", description = "run only these rules or categories")
  List<String> enable = new ArrayList<>();
  @Option(names = "--disable", split = ",", paramLabel = "RULE", description = "rule ids or categories (leak, size.*)")
  List<String> disable = new ArrayList<>();
  @Option(names = "--config", paramLabel = "FILE", description = "YAML rule config (see docs/audit.md)")
  Path config;
  @Option(names = "--entrypoint-only", description = "read only the ENTRYPOINT/CMD program and what it loads")
  boolean entrypointOnly;
  @Option(names = "--cache-check", paramLabel = "ARG=V1,V2",
      description = "build --context twice (ARG=V1, then ARG=V2) and report steps needlessly re-run")
  String cacheCheck;

  private final Stores stores;

  public AuditCommand() {
    this(c -> new DockerImageStore(EngineConnection.open(c)));
  }

  AuditCommand(Stores stores) {
    this.stores = stores;
  }

  @Override
  public Integer call() throws Exception {
    Severity threshold = Severity.parse(failOn);
    requireExists("--dockerfile", dockerfile);
    requireExists("--config", config);
    requireExists("--context", context);
    for (Path log : buildLogs) {
      requireExists("--build-log", log);
    }
    AuditConfig cfg = (config == null ? AuditConfig.DEFAULT : AuditConfig.read(config)).enabling(enable)
        .disabling(disable);
    if (cacheCheck != null && context == null) {
      throw new IllegalArgumentException("Error parsing --cache-check '" + cacheCheck + "': needs --context DIR");
    }
    if (cacheCheck != null && dockerfile == null) {
      dockerfile = context.resolve("Dockerfile"); // what docker build reads; audited too
    }
    ImageStore store = stores.open(common);
    AuditReport report = new ImageAudit(image, dockerfile, context, buildLogs, secretIds, cfg, entrypointOnly,
        cacheCheck).run(store, new BuildLogRunner(BuildLogRunner.DEFAULT_CLIENT, common.dockerHost),
        RunId.next(Clock.systemUTC()));
    PrintWriter stdout = spec.commandLine().getOut();
    io.splitcheck.report.Redactor redactor = io.splitcheck.report.Redactor.standard();
    stdout.print(redactor.redact(report.toText()));
    stdout.flush();
    if (json != null) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      report.writeJson(bytes);
      Files.writeString(json, redactor.redact(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)),
          java.nio.charset.StandardCharsets.UTF_8);
    }
    return report.failsAt(threshold) ? 1 : 0;
  }

  static Map<String, BasePin> pins(Dockerfile df, ImageStore store) throws EngineException {
    return ImageAudit.pins(df, store);
  }

  private static void requireExists(String option, Path p) {
    if (p != null && !Files.exists(p)) {
      throw new IllegalArgumentException("Error parsing " + option + " '" + p + "': no such file or directory");
    }
  }
}
