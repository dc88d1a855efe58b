package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.seccomp.Culprit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitExplanationTest {
  @Test
  void summaryLine_namesOutcomesAndCulprit_likeTheIssueExample() {
    SplitExplanation s =
        new SplitExplanation(
            "runtime-default",
            "unconfined",
            new Outcome(3, false, false),
            new Outcome(0, false, false),
            List.of(
                new Culprit(
                    "getrandom",
                    "EPERM",
                    "seccomp",
                    null,
                    "not allowed by the engine default profile")),
            null);
    assertEquals(
        "runtime-default: exit 3 (unconfined: 0) <- getrandom = -1 EPERM "
            + "[seccomp: not allowed by the engine default profile]",
        s.summaryLine());
  }

  @Test
  void summaryLine_givesTheNote_whenThereIsNoCulprit() {
    SplitExplanation s =
        new SplitExplanation(
            "slow",
            "unconfined",
            new Outcome(137, true, false),
            new Outcome(0, false, false),
            List.of(),
            "not traced (--trace never)");
    assertEquals("slow: timed out (unconfined: 0) <- not traced (--trace never)", s.summaryLine());
  }
}
