package io.splitcheck.maven;

import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditIgnores;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.audit.Dockerfile;
import io.splitcheck.audit.Evidence;
import io.splitcheck.audit.Finding;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.suite.ImageAudit;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code splitcheck:audit}: audits the image (and its Dockerfile and context when given) and fails
 * the build on findings at or above {@code failOn}, one line per finding with its rule and where it
 * was seen.
 */
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class AuditMojo extends AbstractSplitCheckMojo {
  /** A local image (never pulled); or set {@code context}. */
  @Parameter(property = "splitcheck.image")
  String image;

  /**
   * A build context: built when no {@code image} is given, and audited (context rules) either way.
   */
  @Parameter(property = "splitcheck.context")
  File context;

  /** The Dockerfile to lint (default: context/Dockerfile when there is a context). */
  @Parameter File dockerfile;

  @Parameter Map<String, String> buildArgs = new LinkedHashMap<>();

  /** error, warning or info. */
  @Parameter(property = "splitcheck.failOn", defaultValue = "error")
  String failOn;

  /** Run only these rules or categories. */
  @Parameter List<String> enable = new ArrayList<>();

  /** Rule ids or categories not to run ({@code leak}, {@code size.*}). */
  @Parameter List<String> disable = new ArrayList<>();

  /** Findings that do not fail the build: a rule id, or {@code RULE:PATH} for one place. */
  @Parameter List<String> accept = new ArrayList<>();

  /**
   * Findings to leave out, {@code RULE [PATH] [image=REF]} a line; the Dockerfile's {@code #
   * splitcheck ignore=RULE} comments apply too.
   */
  @Parameter(
      property = "splitcheck.ignoreFile",
      defaultValue = "${project.basedir}/.splitcheckignore")
  File ignoreFile;

  @Override
  String goal() {
    return "audit";
  }

  @Override
  List<String> check(ConnectedEngine docker)
      throws EngineException, IOException, MojoExecutionException {
    Severity threshold = Severity.parse(failOn);
    File ctx = resolve(context);
    File df =
        resolve(dockerfile) != null
            ? resolve(dockerfile)
            : ctx != null && new File(ctx, "Dockerfile").isFile()
                ? new File(ctx, "Dockerfile")
                : null;
    String runId = RunId.next(Clock.systemUTC());
    try (ImageUnderTest target =
        ImageUnderTest.of(
            docker,
            image,
            image == null ? ctx : null,
            df,
            buildArgs,
            ImageUnderTest.REPOSITORY + artifactId + ":" + runId,
            getLog()::info)) {
      AuditConfig config = AuditConfig.DEFAULT.enabling(enable).disabling(disable);
      AuditReport found =
          new ImageAudit(
                  target.reference(),
                  df == null ? null : df.toPath(),
                  ctx == null ? null : ctx.toPath(),
                  List.of(),
                  null,
                  config,
                  false,
                  null)
              .run(
                  docker.images(),
                  new BuildLogRunner(BuildLogRunner.DEFAULT_CLIENT, dockerHost),
                  runId);
      AuditIgnores ignores =
          ignoreFile != null && ignoreFile.isFile()
              ? AuditIgnores.read(ignoreFile.toPath())
              : AuditIgnores.NONE;
      AuditReport report =
          ignores.apply(
              found,
              df == null ? null : Dockerfile.read(df.toPath()),
              df == null ? null : Files.readString(df.toPath()));
      return write(target.reference(), report, threshold);
    } catch (EngineException | IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new MojoExecutionException("splitcheck audit: " + e.getMessage(), e);
    }
  }

  /**
   * One line per finding at or above {@code threshold} that is not accepted; the warnings below it
   * are logged.
   */
  List<String> failures(AuditResult result, Severity threshold) {
    List<String> lines = new ArrayList<>();
    for (Finding f : result.findings()) {
      Evidence e = f.evidence();
      String path = e == null || e.path() == null ? "" : e.path();
      String line =
          f.severity().id()
              + " "
              + f.rule()
              + (path.isEmpty() ? "" : " " + path)
              + (e == null || e.line() == null ? "" : " (Dockerfile:" + e.line() + ")")
              + ": "
              + f.message();
      boolean accepted = accept.contains(f.rule()) || accept.contains(f.rule() + ":" + path);
      Severity severity = f.severity();
      if (severity.atLeast(threshold) && !accepted) {
        lines.add(line);
      } else if (severity.atLeast(Severity.WARNING)) {
        getLog().warn(line + (accepted ? " (accepted)" : ""));
      }
    }
    return lines;
  }

  private List<String> write(String reference, AuditReport report, Severity threshold)
      throws IOException {
    File dir = reportFolder();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.writeJson(json);
    Files.write(new File(dir, "audit.json").toPath(), json.toByteArray());
    AuditResult result = new AuditResult(report.findings());
    List<String> failures = failures(result, threshold);
    new ReportWriter()
        .write(
            PluginReports.audit(
                reference, report.imageId(), result, failOn, failures, Clock.systemUTC()),
            dir.toPath());
    getLog()
        .info(
            "splitcheck audit: "
                + report.findings().size()
                + " finding(s); report "
                + new File(dir, ReportWriter.HTML));
    return failures;
  }
}
