package io.splitcheck.report;

import io.splitcheck.audit.Evidence;
import io.splitcheck.audit.Finding;
import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.model.Severity;
import io.splitcheck.report.CheckOutcome.Status;
import io.splitcheck.report.MatrixResult.CellResult;
import io.splitcheck.report.MatrixResult.Engine;
import io.splitcheck.report.MatrixResult.Split;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.FailedSyscall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A sample run used by the golden tests and the screenshot IT. Its cells ran on two engines, one
 * cell without a recorded engine (a report of an older version).
 */
final class ReportSamples {
  static final String EVIL_PATH = "/srv/<script>alert(1)</script>";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
  static final Engine LOCAL =
      new Engine("unix:///var/run/docker.sock", "20.10.24+dfsg1", true, "default");
  static final Engine REMOTE = new Engine("tcp://build-2:2376", "24.0.7", false, "unconfined");

  private ReportSamples() {}

  static RunReport sample() {
    return RunReport.of(
        "20261126-020000-a1b2", CLOCK, List.of(getrandom(), nondeterministic(), dynamicStatic()));
  }

  static MatrixResult getrandomMatrix() {
    return new MatrixResult(
        "splitcheck-test/getrandom-seccomp",
        "sha256:1a5942b31c24",
        "unconfined",
        List.of(
            CellResult.of("unconfined", 0, false, 412, List.of()).withEngine(LOCAL),
            CellResult.of("runtime-default", 0, false, 398, List.of()).withEngine(REMOTE),
            new CellResult(
                "prod",
                3,
                false,
                false,
                405,
                List.of(new FailedSyscall("getrandom", "EPERM", 1)),
                "",
                "verify-tls: getrandom failed: Operation not permitted\n",
                null,
                LOCAL)),
        List.of(
            new Split(
                "prod",
                "unconfined",
                null,
                List.of(
                    new Culprit(
                        "getrandom",
                        "EPERM",
                        "seccomp",
                        "libc falls back only on ENOSYS; the profile should return ENOSYS",
                        "prod: getrandom -> SCMP_ACT_ERRNO(1)")),
                null)),
        List.of());
  }

  private static ScenarioReport getrandom() {
    return new ScenarioReport(
        "getrandom-seccomp",
        "scenarios/getrandom-seccomp",
        "sha256:1a5942b31c24",
        List.of(),
        null,
        getrandomMatrix(),
        new AuditResult(List.of()),
        List.of(
            new CheckOutcome(
                "matrix",
                Status.PASSED,
                "split in prod with getrandom/EPERM",
                "1 split(s): prod: exit 3 (unconfined: exit 0) <- getrandom = -1 EPERM [seccomp]",
                "",
                2150),
            new CheckOutcome(
                "audit", Status.PASSED, "no finding above info", "no findings", "", 310)));
  }

  private static ScenarioReport nondeterministic() {
    TwiceResult twice =
        Twices.of(
            "scenarios/nondeterministic-build",
            false,
            "content",
            new ImageComparison.ImageSide("sha256:aaa1", List.of("sha256:l0", "sha256:l1a")),
            new ImageComparison.ImageSide("sha256:bbb2", List.of("sha256:l0", "sha256:l1b")),
            List.of("created", "history[1].created"),
            List.of(
                Twices.diff(
                    1,
                    "RUN /bin/sh -c date > /built-at",
                    "/built-at",
                    List.of("content", "mtime"),
                    "20 bytes -> 20 bytes"),
                Twices.diff(
                    1, "RUN /bin/sh -c date > /built-at", EVIL_PATH, List.of("added"), null)),
            List.of("SOURCE_DATE_EPOCH has no effect on this BuildKit"));
    return new ScenarioReport(
        "nondeterministic-build",
        "scenarios/nondeterministic-build",
        "sha256:aaa1",
        List.of(new ScenarioReport.BaseImage("splitcheck/debian:bookworm", "sha256:8609e821406f")),
        twice,
        null,
        null,
        List.of(
            new CheckOutcome(
                "twice",
                Status.FAILED,
                "verdict mtime-only",
                "verdict content, reproducible=false, differing files: /built-at",
                "expected verdict mtime-only, got content",
                61234)));
  }

  private static ScenarioReport dynamicStatic() {
    AuditResult audit =
        new AuditResult(
            List.of(
                new Finding(
                    "linkage.dynamic-in-scratch",
                    Severity.parse("error"),
                    "/healthcheck is dynamic (interpreter /lib64/ld-linux-x86-64.so.2) in an image with no libc",
                    new Evidence(
                        "/healthcheck", 0, "COPY healthcheck /healthcheck", 3, 15960L, false))));
    MatrixResult matrix =
        new MatrixResult(
            "splitcheck-test/dynamic-static",
            "sha256:a4a860e1",
            "unconfined",
            List.of(
                CellResult.of("unconfined", 127, false, 80, List.of()).withEngine(LOCAL),
                CellResult.of("cap-drop-all", null, true, 60000, List.of())),
            List.of(
                new Split(
                    "cap-drop-all",
                    "unconfined",
                    "cap-drop-all: timed out (unconfined: exit 127) <- \"no culprit\" & <b>bold</b>",
                    List.of(),
                    "not traceable under this profile")),
            List.of());
    return new ScenarioReport(
        "dynamic-static",
        "scenarios/dynamic-static",
        "sha256:a4a860e1",
        List.of(),
        null,
        matrix,
        audit,
        List.of(
            new CheckOutcome(
                "matrix",
                Status.ERROR,
                "",
                "error",
                "engine said: <container> \"x\" & 'y' \u0001 failed",
                100),
            new CheckOutcome(
                "audit",
                Status.PASSED,
                "finding linkage.dynamic-in-scratch",
                "1 finding(s): linkage.dynamic-in-scratch",
                "",
                220),
            new CheckOutcome("twice", Status.SKIPPED, "", "not run", "build failed", 0)));
  }
}
