package io.splitcheck.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.diff.TwiceResult;
import io.splitcheck.json.Json;
import io.splitcheck.model.Severity;
import io.splitcheck.report.AuditResult;
import io.splitcheck.report.MatrixResult;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines a goal fails the build with, from the commands' captured JSON
 * (fixtures/report/commands).
 */
class FailureLinesTest {
  private static <T> T fixture(String name, Class<T> type) throws Exception {
    try (InputStream in =
        FailureLinesTest.class.getResourceAsStream("/fixtures/report/commands/" + name)) {
      return Json.read(in, type, name);
    }
  }

  @Test
  void matrix_failsWithTheSplitSummaryAndTheCellsFirstStderrLine() throws Exception {
    MatrixResult result = fixture("matrix.json", MatrixResult.class);

    assertEquals(
        List.of(
            "split prod: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: denied by profile prod]"
                + " | stderr: verify-tls: getrandom failed: Operation not permitted"),
        new MatrixMojo().failures(result));
  }

  @Test
  void matrix_passes_whenTheSplitCellOrEveryCulpritIsAccepted() throws Exception {
    MatrixResult result = fixture("matrix.json", MatrixResult.class);
    MatrixMojo byCell = new MatrixMojo();
    byCell.accept = List.of("prod");
    MatrixMojo byCulprit = new MatrixMojo();
    byCulprit.accept = List.of("getrandom/EPERM");

    assertEquals(List.of(), byCell.failures(result));
    assertEquals(List.of(), byCulprit.failures(result));
  }

  @Test
  void twice_failsWithOneLinePerDifferingFileAndConfigField_unlessAccepted() throws Exception {
    TwiceResult result = fixture("twice.json", TwiceResult.class);
    TwiceMojo mojo = new TwiceMojo();

    List<String> lines = mojo.failures(result);
    assertEquals(
        "not reproducible: layer 2 (RUN /bin/sh -c sleep 1 && date +%s%N > /built-at # buildkit): /built-at differs"
            + " in content, mtime: content: sha256 <hash> (20 bytes) -> <hash> (20 bytes); mtime: <time> -> <time>",
        lines.get(0));
    assertEquals(
        "not reproducible: image config field $.history[2].created differs",
        lines.get(lines.size() - 2));

    mojo.accept =
        List.of(
            "/built-at",
            "/etc",
            "$.created",
            "$.history[1].created",
            "$.history[2].created",
            "$.rootfs.diff_ids[2]");
    assertEquals(List.of(), mojo.failures(result));
  }

  @Test
  void audit_failsOnFindingsAtOrAboveFailOn_withTheRulePathAndDockerfileLine() throws Exception {
    AuditResult result = fixture("audit.json", AuditResult.class);
    AuditMojo mojo = new AuditMojo();

    assertEquals(
        List.of(
            "error linkage.dynamic-in-scratch /healthcheck (Dockerfile:3): /healthcheck is dynamically"
                + " linked (interpreter /lib64/ld-linux-x86-64.so.2) and the image has no loader"),
        mojo.failures(result, Severity.ERROR));
    mojo.accept = List.of("linkage.dynamic-in-scratch:/healthcheck");
    assertEquals(List.of(), mojo.failures(result, Severity.ERROR));
  }
}
