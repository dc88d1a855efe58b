package io.splitcheck.maven;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.matrix.MatrixCheck;
import io.splitcheck.matrix.MatrixJson;
import io.splitcheck.matrix.MatrixOptions;
import io.splitcheck.matrix.MatrixReport;
import io.splitcheck.matrix.MatrixRequest;
import io.splitcheck.matrix.TraceMode;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.report.ReportWriter;
import io.splitcheck.suite.Suites;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * {@code splitcheck:matrix}: runs the image under the security matrix and fails the build on a
 * split, with the split's culprit (the syscall and errno behind it) and the cell's stderr line.
 *
 * <pre>{@code
 * <configuration>
 *   <image>app:1.2</image>                       <!-- or <context>docker</context> -->
 *   <cells><cell>unconfined</cell><cell>runtime-default</cell></cells>
 *   <profiles><prod>src/test/seccomp/prod.json</prod></profiles>
 *   <derives><old>getrandom=EPERM</old></derives>
 *   <accept><accept>read-only</accept></accept>   <!-- cells or culprits (getrandom/EPERM) whose split is accepted -->
 * </configuration>
 * }</pre>
 */
@Mojo(name = "matrix", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class MatrixMojo extends AbstractSplitCheckMojo {
  /** A local image (never pulled); or set {@code context}. */
  @Parameter(property = "splitcheck.image")
  String image;

  /** A build context to build the image from, when no {@code image} is given. */
  @Parameter(property = "splitcheck.context")
  File context;

  /** The Dockerfile for {@code context} (default: context/Dockerfile). */
  @Parameter File dockerfile;

  @Parameter Map<String, String> buildArgs = new LinkedHashMap<>();

  /**
   * The cells to run, in order: built-in names and the names of {@code profiles} and {@code
   * derives}.
   */
  @Parameter List<String> cells = new ArrayList<>();

  /**
   * Cells under a seccomp profile: the element name is the cell's name, its text the profile file.
   */
  @Parameter Map<String, File> profiles = new LinkedHashMap<>();

  /**
   * Cells under the engine's default profile changed by an expression ({@code getrandom=EPERM}).
   */
  @Parameter Map<String, String> derives = new LinkedHashMap<>();

  /** The cell the others are compared with (default: the first cell, else unconfined). */
  @Parameter String baseline;

  /** Replaces the image's cmd. */
  @Parameter List<String> command = new ArrayList<>();

  /** Per cell, e.g. {@code 30s}. */
  @Parameter(defaultValue = "60s")
  String timeout;

  /** auto (baseline and split cells), always or never. */
  @Parameter(defaultValue = "auto")
  String trace;

  /**
   * Splits that do not fail the build: a cell name, or a culprit such as {@code getrandom/EPERM}.
   */
  @Parameter List<String> accept = new ArrayList<>();

  @Override
  String goal() {
    return "matrix";
  }

  @Override
  List<String> check(ConnectedEngine docker) throws EngineException, IOException {
    Map<String, Path> profileFiles = new LinkedHashMap<>();
    profiles.forEach((name, file) -> profileFiles.put(name, resolve(file).toPath()));
    String runId = RunId.next(Clock.systemUTC());
    // checked before the image is built; the built image's reference replaces "pending" after
    MatrixCheck.Prepared prepared =
        MatrixCheck.prepare(
            MatrixRequest.builder("pending")
                .configs(cells)
                .profiles(profileFiles)
                .derives(derives)
                .baseline(baseline)
                .trace(TraceMode.parse(trace))
                .timeout(MatrixOptions.timeout(timeout))
                .command(command)
                .build());
    try (ImageUnderTest target =
        ImageUnderTest.of(
            docker,
            image,
            resolve(context),
            resolve(dockerfile),
            buildArgs,
            ImageUnderTest.REPOSITORY + artifactId + ":" + runId,
            getLog()::info)) {
      prepared = prepared.withImage(target.reference());
      MatrixOptions o = prepared.options();
      getLog()
          .info(
              "splitcheck matrix: "
                  + target.reference()
                  + ", "
                  + o.plan().cells().size()
                  + " cell(s)");
      MatrixReport report =
          MatrixCheck.run(
              docker.containers(), prepared, runId, w -> getLog().warn("splitcheck matrix: " + w));
      MatrixResult result = Suites.matrixResult(report);
      MatrixResult.CellResult base = result.cell(result.baseline()).orElse(null);
      if (base != null && base.startError() != null) {
        throw new EngineException(
            "the baseline cell "
                + base.config()
                + " did not start, so nothing can be "
                + "compared with it: "
                + base.startError());
      }
      List<String> failures = failures(result);
      File dir = reportFolder();
      try (OutputStream out = new FileOutputStream(new File(dir, "matrix.json"))) {
        MatrixJson.write(report, out);
      }
      new ReportWriter()
          .write(
              PluginReports.matrix(target.reference(), result, failures, Clock.systemUTC()),
              dir.toPath());
      getLog().info("splitcheck matrix: report " + new File(dir, ReportWriter.HTML));
      return failures;
    }
  }

  /** One line per split that is not accepted: the split's summary, then each culprit's line. */
  List<String> failures(MatrixResult result) {
    List<String> lines = new ArrayList<>();
    for (MatrixResult.Split split : result.splits()) {
      boolean accepted =
          accept.contains(split.config())
              || (!split.culprits().isEmpty()
                  && split.culprits().stream().allMatch(c -> accept.contains(c.key())));
      if (accepted) {
        getLog()
            .info(
                "splitcheck matrix: accepted split in " + split.config() + ": " + split.summary());
      } else {
        String stderr =
            result
                .cell(split.config())
                .map(c -> c.stderr() == null ? "" : c.stderr())
                .map(MatrixMojo::firstLine)
                .orElse("");
        lines.add("split " + split.summary() + (stderr.isEmpty() ? "" : " | stderr: " + stderr));
      }
    }
    return lines;
  }

  static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }
}
