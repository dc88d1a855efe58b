package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.engine.CappedOutput;
import io.splitcheck.engine.ContainerExit;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.FakeEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom profile the engine refuses is reported by the cell's own start: no container runs before
 * the matrix to validate it. The start errors are Docker 20.10's own text, seen with `docker
 * start`.
 */
class ProfileRejectionTest {
  private static final String IMAGE = "probe:1";
  private static final String RUN = "20261202-000000-test";

  /** Docker 20.10, runc 1.1: a profile whose defaultAction is SCMP_ACT_NOTIFY. */
  private static final String NOTIFY_DEFAULT =
      "POST /containers/0123/start: failed to create shim task: OCI "
          + "runtime create failed: runc create failed: unable to start container process: SCMP_ACT_NOTIFY cannot "
          + "be used as default action: unknown";

  /**
   * A profile that loads and then denies the workload's execve: the cell's outcome, not bad input.
   */
  private static final String EXEC_DENIED =
      "POST /containers/0123/start: failed to create shim task: OCI "
          + "runtime create failed: runc create failed: unable to start container process: exec: \"/probe\": "
          + "operation not permitted: unknown";

  private static ContainerExit startFailed(String error) {
    return new ContainerExit(
        -1, false, false, 5, CappedOutput.EMPTY, CappedOutput.EMPTY, error, null);
  }

  private static MatrixCheck.Prepared prepare(Path profile) throws Exception {
    return MatrixCheck.prepare(
        MatrixRequest.builder(IMAGE)
            .configs(List.of("unconfined"))
            .profiles(Map.of("mine", profile))
            .trace(TraceMode.NEVER)
            .timeout(Duration.ofSeconds(5))
            .jobs(2)
            .build());
  }

  @Test
  void run_failsNamingTheCellAndTheEnginesError_whenTheCellsStartRejectsItsProfile(
      @TempDir Path dir) throws Exception {
    // parses here; the fake engine refuses it as Docker 20.10 refused a profile it could not load
    Path profile =
        Files.writeString(dir.resolve("mine.json"), "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
    FakeEngine engine =
        FakeEngine.withImage(
            IMAGE,
            spec ->
                spec.security().seccomp() == ContainerSecurity.Seccomp.CUSTOM
                    ? startFailed(NOTIFY_DEFAULT)
                    : FakeEngine.exit(0, ""));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MatrixCheck.run(engine, prepare(profile), RUN, w -> {}));

    assertEquals(
        "cell 'mine' (profile "
            + profile
            + "): the engine rejects the seccomp profile: "
            + "failed to create shim task: OCI runtime create failed: runc create failed: unable to start "
            + "container process: SCMP_ACT_NOTIFY cannot be used as default action: unknown",
        e.getMessage());
  }

  @Test
  void run_startsOneContainerPerCell_withNoValidationContainerForACustomProfile(@TempDir Path dir)
      throws Exception {
    Path profile =
        Files.writeString(dir.resolve("mine.json"), "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
    FakeEngine engine = FakeEngine.withImage(IMAGE, spec -> FakeEngine.exit(0, ""));

    MatrixCheck.run(engine, prepare(profile), RUN, w -> {});

    assertEquals(2, engine.ran().size(), engine.ran().toString());
  }

  @Test
  void run_reportsAnExecTheLoadedProfileDenies_asTheCellsStartError_notAsARejection(
      @TempDir Path dir) throws Exception {
    Path profile =
        Files.writeString(dir.resolve("mine.json"), "{\"defaultAction\":\"SCMP_ACT_ERRNO\"}");
    FakeEngine engine =
        FakeEngine.withImage(
            IMAGE,
            spec ->
                spec.security().seccomp() == ContainerSecurity.Seccomp.CUSTOM
                    ? startFailed(EXEC_DENIED)
                    : FakeEngine.exit(0, ""));

    MatrixReport report = MatrixCheck.run(engine, prepare(profile), RUN, w -> {});

    assertEquals(EXEC_DENIED, report.run().cells().get(1).startError());
  }
}
