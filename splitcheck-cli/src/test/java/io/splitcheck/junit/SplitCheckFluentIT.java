package io.splitcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.report.MatrixResult;
import io.splitcheck.testing.RequiresEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The fluent API a user writes by hand, against the real engine with the static probe image. */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitCheckFluentIT {
  private ProbeImages.Probe probe;

  @BeforeAll
  void build() throws Exception {
    probe = ProbeImages.build("fluent", "fluent-it-" + ProcessHandle.current().pid());
  }

  @AfterAll
  void remove() throws Exception {
    probe.close();
  }

  @Test
  void expectSplit_holds_forGetrandomDeniedWithEperm_andExpectNoSplitFailsWithTheCulpritLine() {
    SplitCheck check =
        SplitCheck.image(probe.tag())
            .matrix("unconfined")
            .withDerivedProfile("prod", "getrandom=EPERM")
            .withCommand("getrandom");

    MatrixResult r = check.expectSplit("prod", "getrandom/EPERM");
    assertEquals("unconfined", r.baseline());
    AssertionError e = assertThrows(AssertionError.class, check::expectNoSplit);
    assertTrue(
        e.getMessage().contains("prod: exit") && e.getMessage().contains("getrandom = -1 EPERM"),
        e.getMessage());
    assertEquals(
        1,
        e.getMessage().split("getrandom = -1 EPERM", -1).length - 1,
        "the culprit once: " + e.getMessage());
    assertTrue(
        e.getMessage().contains("\n    stderr: "), "the cell's stderr line: " + e.getMessage());
  }

  @Test
  void expectNoSplit_holds_whenGetrandomFailsWithEnosysAndTheProgramFallsBack() {
    SplitCheck.image(probe.tag())
        .matrix("unconfined")
        .withDerivedProfile("prod", "getrandom=ENOSYS")
        .withCommand("getrandom-fallback")
        .expectNoSplit();
  }

  @Test
  void run_runsAgain_whenTheConfigurationChangesAfterARun() {
    SplitCheck check = SplitCheck.image(probe.tag()).matrix("unconfined").withCommand("getrandom");
    MatrixResult first = check.run();
    assertEquals(1, first.cells().size());

    check.withDerivedProfile("prod", "getrandom=EPERM");
    MatrixResult second = check.run();

    assertEquals(2, second.cells().size(), "the derived cell added after the first run must run");
    assertTrue(second.split("prod").isPresent(), second.splits().toString());
  }
}
