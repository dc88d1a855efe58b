package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.trace.FailedSyscall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceAttributorTest {
  private static final String DENY_PTRACE =
      "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":"
          + "[{\"names\":[\"ptrace\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";

  private static CellTrace fixture(String name) throws IOException {
    try (InputStream in =
        TraceAttributorTest.class.getResourceAsStream("/fixtures/matrix/" + name + ".log")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return new CellTrace(true, null, lines, new Outcome(0, false, false));
    }
  }

  private static TraceAttributor attributor(MatrixPlan plan) throws IOException {
    try (InputStream in =
        TraceAttributorTest.class.getResourceAsStream("/fixtures/seccomp/engine-default.json")) {
      SeccompProfile engineDefault =
          SeccompProfile.parse(
              new String(in.readAllBytes(), StandardCharsets.UTF_8), "engine-default.json");
      return new TraceAttributor(Restrictions.forPlan(plan, engineDefault), "amd64");
    }
  }

  @Test
  void culprits_nameChownCapability_whenCapDropAllTraceFailsWithEperm() throws IOException {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "cap-drop-all"), List.of(), Optional.empty());
    List<Culprit> culprits =
        attributor(plan)
            .culprits(
                fixture("chown-unconfined"),
                fixture("chown-cap-drop-all"),
                plan.cell("cap-drop-all"));
    assertEquals(1, culprits.size(), culprits.toString());
    assertEquals("chown", culprits.get(0).syscall());
    assertEquals("EPERM", culprits.get(0).errno());
    assertEquals("capability", culprits.get(0).cause());
  }

  private static CellTrace real(String name) throws IOException {
    try (InputStream in =
        TraceAttributorTest.class.getResourceAsStream("/fixtures/trace/real/" + name + ".log")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return new CellTrace(true, null, lines, new Outcome(0, false, false));
    }
  }

  @Test
  void culprits_carryRoleProcessAndPath_intoTheSummaryLine_forAGrandchildsFailure()
      throws IOException {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "cap-drop-all"), List.of(), Optional.empty());
    List<io.splitcheck.seccomp.Culprit> culprits =
        attributor(plan)
            .culprits(real("ping-unconfined"), real("ping-capdrop"), plan.cell("cap-drop-all"));
    SplitExplanation s =
        new SplitExplanation(
            "cap-drop-all",
            "unconfined",
            new Outcome(126, false, false),
            new Outcome(0, false, false),
            culprits,
            null);

    assertEquals("sh[8] → bash[9] → bash[10]", culprits.get(0).processChain());
    assertEquals(
        "cap-drop-all: exit 126 (unconfined: 0) <- execve = -1 EPERM on \"/usr/bin/ping\""
            + " [capability: the program carries file capabilities this cell's bounding set drops"
            + " (execve fails with EPERM when it cannot grant them)] by sh[8] → bash[9] → bash[10]",
        s.summaryLine());
  }

  @Test
  void culprits_labelClone3AsHandledFallback_andRankItAfterTheCause() throws IOException {
    MatrixPlan plan =
        MatrixPlan.expand(List.of("unconfined", "cap-drop-all"), List.of(), Optional.empty());
    List<io.splitcheck.seccomp.Culprit> culprits =
        attributor(plan)
            .culprits(real("python-unconfined"), real("python-capdrop"), plan.cell("cap-drop-all"));

    assertEquals(
        List.of("chown cause", "clone3 fallback"),
        culprits.stream().map(c -> c.syscall() + " " + c.role()).toList());
  }

  @Test
  void failures_countsFailedCallsOfOneTrace() throws IOException {
    MatrixPlan plan = MatrixPlan.expand(List.of(), List.of(), Optional.empty());
    assertEquals(
        List.of(new FailedSyscall("chown", "EPERM", 1)),
        attributor(plan).failures(fixture("chown-cap-drop-all")));
    assertEquals(List.of(), attributor(plan).failures(fixture("chown-unconfined")));
  }

  @Test
  void untraceable_isEmptyForBuiltIns_andExplainsProfileDenyingPtrace() throws IOException {
    Cell noPtrace =
        new Cell("no-ptrace", ContainerSecurity.customProfile(DENY_PTRACE), "profile p");
    MatrixPlan plan = MatrixPlan.expand(List.of(), List.of(noPtrace), Optional.empty());
    TraceAttributor a = attributor(plan);
    for (Cell c : BuiltInCells.all()) {
      assertEquals(Optional.empty(), a.untraceable(c), c.name());
    }
    Optional<String> why = a.untraceable(noPtrace);
    assertTrue(why.isPresent() && why.get().contains("ptrace"), why.toString());
  }
}
