package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.engine.CappedOutput;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.FailedSyscall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatrixAnalysisTest {
  /** Culprits from a fixed answer: the analysis, not attribution, is under test. */
  private static final Attributor FIXED =
      new Attributor() {
        @Override
        public List<FailedSyscall> failures(CellTrace trace) {
          return trace.lines().contains("fails")
              ? List.of(new FailedSyscall("getrandom", "EPERM", 2))
              : List.of();
        }

        @Override
        public List<Culprit> culprits(CellTrace b, CellTrace c, Cell cell) {
          return List.of(
              new Culprit(
                  "getrandom",
                  "EPERM",
                  "seccomp",
                  "libc falls back only on ENOSYS",
                  "not allowed by the engine default profile"));
        }
      };

  private static CellResult result(String name, int exit, List<String> trace) {
    CellTrace t =
        trace == null ? null : new CellTrace(true, null, trace, new Outcome(exit, false, false));
    return new CellResult(
        name,
        new Outcome(exit, false, false),
        100 + exit,
        new CappedOutput("out\n", 4, false),
        new CappedOutput("x", 70_000, true),
        null,
        t);
  }

  private static MatrixReport report() {
    MatrixPlan plan =
        MatrixPlan.expand(
            List.of("unconfined", "runtime-default", "read-only"), List.of(), Optional.empty());
    MatrixRun run =
        new MatrixRun(
            "probe:1",
            "sha256:0123456789abcdef0123",
            "amd64",
            "unconfined",
            List.of(
                result("unconfined", 0, List.of("ok")),
                result("runtime-default", 3, List.of("fails")),
                result("read-only", 0, null)));
    return MatrixAnalysis.analyze(run, plan, FIXED, List.of("a warning"));
  }

  @Test
  void analyze_explainsEachSplitCell_andCountsFailuresOfTracedCells() {
    MatrixReport report = report();
    assertEquals(1, report.exitCode());
    assertEquals(1, report.splits().size());
    assertEquals(
        "runtime-default: exit 3 (unconfined: 0) <- getrandom = -1 EPERM [seccomp: not "
            + "allowed by the engine default profile] (hazard: libc falls back only on ENOSYS)",
        report.splits().get(0).summaryLine());
    assertEquals(
        List.of(new FailedSyscall("getrandom", "EPERM", 2)),
        report.failedSyscalls().get("runtime-default"));
    assertEquals(null, report.failedSyscalls().get("read-only"));
  }

  @Test
  void analyze_withATimedOutBaseline_claimsNoSplit_warns_andExitsInconclusive() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "runtime-default"), List.of(), Optional.empty());
    CellResult slow =
        new CellResult(
            "unconfined",
            new Outcome(137, true, false),
            30_000,
            CappedOutput.EMPTY,
            CappedOutput.EMPTY,
            null,
            null);
    MatrixRun run =
        new MatrixRun(
            "probe:1",
            "sha256:0123456789abcdef0123",
            "amd64",
            "unconfined",
            List.of(slow, result("runtime-default", 3, null)));

    MatrixReport report = MatrixAnalysis.analyze(run, plan, FIXED, List.of());

    assertEquals(List.of(), report.splits());
    assertEquals(2, report.exitCode());
    assertEquals(
        List.of(
            "the baseline unconfined did not finish (timed out after 30000 ms): no split"
                + " is claimed against it; give it more time with --timeout"),
        report.warnings());
  }

  @Test
  void analyze_excerptsTheTellingStderrLine_ofTheSplitCell() {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "cap-drop-all"), List.of(), Optional.empty());
    String stderr =
        "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\n"
            + "PermissionError: [Errno 1] Operation not permitted: '/tmp/owned'\n";
    CellResult split =
        new CellResult(
            "cap-drop-all",
            new Outcome(1, false, false),
            5,
            CappedOutput.EMPTY,
            new CappedOutput(stderr, stderr.length(), false),
            null,
            null);
    MatrixRun run =
        new MatrixRun(
            "probe:1",
            "sha256:0123456789abcdef0123",
            "amd64",
            "unconfined",
            List.of(result("unconfined", 0, null), split));

    SplitExplanation s = MatrixAnalysis.analyze(run, plan, FIXED, List.of()).splits().get(0);

    assertEquals("PermissionError: [Errno 1] Operation not permitted: '/tmp/owned'", s.excerpt());
  }

  @Test
  void json_matchesGoldenDocument() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MatrixJson.write(report(), out);
    if (Boolean.getBoolean("splitcheck.updateGolden")) {
      Files.write(
          Path.of("src/test/resources/fixtures/matrix/matrix-report.golden.json"),
          out.toByteArray());
    }
    try (InputStream golden =
        getClass().getResourceAsStream("/fixtures/matrix/matrix-report.golden.json")) {
      assertEquals(
          new String(golden.readAllBytes(), StandardCharsets.UTF_8).strip(),
          out.toString(StandardCharsets.UTF_8).strip());
    }
  }
}
