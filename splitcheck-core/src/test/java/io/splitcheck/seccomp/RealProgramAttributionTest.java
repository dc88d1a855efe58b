package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.trace.ProcessInfo;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Attribution on real Debian 12 programs traced in containers under real cells
 * (fixtures/trace/real, see the README there): the first culprit is the cause, handled fallbacks
 * and consequences are labelled and ranked after it, and each names its process chain.
 */
class RealProgramAttributionTest {

  private static final SeccompProfile DEFAULT = Fixtures.engineDefault();
  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;
  private static final CellRestrictions CAP_DROP_ALL =
      new CellRestrictions("cap-drop-all", DEFAULT, true, Set.of(), false, Set.of(), false);
  private static final CellRestrictions READ_ONLY =
      new CellRestrictions("read-only", DEFAULT, true, CAPS, true, Set.of(), false);

  static Trace real(String name) {
    return Trace.parse(Fixtures.path("trace/real/" + name + ".log"));
  }

  private static List<Culprit> culprits(String program, String cell, CellRestrictions r) {
    return Attribution.culprits(
        real(program + "-unconfined"), real(program + "-" + cell), r, "amd64");
  }

  private static List<String> roles(List<Culprit> culprits) {
    return culprits.stream().map(c -> c.syscall() + " " + c.errno() + " " + c.role()).toList();
  }

  @Test
  void pythonThreads_underCapDropAll_rankChownFirst_andClone3AsHandledFallback() {
    List<Culprit> c = culprits("python", "capdrop", CAP_DROP_ALL);

    assertEquals(List.of("chown EPERM cause", "clone3 ENOSYS fallback"), roles(c));
    assertEquals(Culprit.CAPABILITY, c.get(0).cause());
    assertEquals("/tmp/owned", c.get(0).path());
    assertEquals(new ProcessInfo(9, "/usr/bin/python3", "python3"), c.get(0).process());
    assertEquals(List.of(), c.get(0).ancestry());
    assertEquals(Culprit.SECCOMP, c.get(1).cause());
    assertTrue(
        c.get(1).roleReason().startsWith("handled fallback: clone succeeded next"),
        c.get(1).roleReason());
  }

  @Test
  void touch_onReadOnlyRoot_labelsUtimensatEnoent_asConsequenceOfTheFailedCreate() {
    List<Culprit> c = culprits("touch", "readonly", READ_ONLY);

    assertEquals(List.of("openat EROFS cause", "utimensat ENOENT consequence"), roles(c));
    assertEquals("/stamp", c.get(1).path());
    assertTrue(
        c.get(1).roleReason().startsWith("consequence of openat = -1 EROFS creating it"),
        c.get(1).roleReason());
    assertTrue(c.get(1).describe().contains("(consequence of openat"), c.get(1).describe());
  }

  @Test
  void shellThenXz_onReadOnlyRoot_ranksTheShellsCreateFirst_thoughXzsExitDecided() {
    List<Culprit> c = culprits("xz", "readonly", READ_ONLY);

    assertEquals(List.of("openat EROFS cause", "openat ENOENT consequence"), roles(c));
    assertEquals("sh[9]", c.get(0).processChain());
    assertEquals("sh[9] → xz[10]", c.get(1).processChain());
    assertEquals("/usr/bin/xz", c.get(1).process().executable());
  }

  @Test
  void xzThreads_onReadOnlyRoot_nameTheUnlinkOfTheOutput() {
    List<Culprit> c = culprits("xz2", "readonly", READ_ONLY);

    assertEquals(List.of("unlink EROFS cause"), roles(c));
    assertEquals("/usr/share/common-licenses/GPL-3.xz", c.get(0).path());
    assertEquals(Culprit.READ_ONLY, c.get(0).cause());
  }

  @Test
  void pingGrandchild_underCapDropAll_namesTheForkedBashThatExecsPing_withItsAncestry() {
    List<Culprit> c = culprits("ping", "capdrop", CAP_DROP_ALL);

    assertEquals(List.of("execve EPERM cause"), roles(c));
    assertEquals(Culprit.CAPABILITY, c.get(0).cause());
    assertEquals("/usr/bin/ping", c.get(0).path());
    assertEquals("sh[8] → bash[9] → bash[10]", c.get(0).processChain());
    assertEquals(
        List.of("/usr/bin/sh", "/usr/bin/bash"),
        c.get(0).ancestry().stream().map(ProcessInfo::executable).toList());
  }

  @Test
  void getent_withoutNetwork_claimsNoCulprit_whenNoSyscallFailsDifferently() {
    CellRestrictions noNetwork =
        new CellRestrictions("no-network", DEFAULT, true, CAPS, false, Set.of(), true);

    assertEquals(List.of(), culprits("getent", "nonet", noNetwork));
  }

  @Test
  void enosysProfile_labelsEachObservedFallback_andRanksThePythonChownFirst() {
    SeccompProfile enosys = SeccompProfile.read(Fixtures.path("trace/real/fallbacks-enosys.json"));
    CellRestrictions cell =
        new CellRestrictions("custom", enosys, false, Set.of(), false, Set.of(), true);

    List<Culprit> c = culprits("fallbacks", "enosys-capdrop", cell);

    assertEquals("chown EPERM cause", roles(c).get(0));
    assertEquals("sh[10] → python3[13]", c.get(0).processChain());
    for (String fallback : List.of("clone3", "statx", "faccessat2", "close_range")) {
      Culprit f = c.stream().filter(x -> x.syscall().equals(fallback)).findFirst().orElseThrow();
      assertEquals(Culprit.FALLBACK, f.role(), f.describe());
    }
    assertEquals(
        "sh[10] → python3[13] → python3[15]",
        c.stream()
            .filter(x -> x.syscall().equals("close_range"))
            .findFirst()
            .orElseThrow()
            .processChain());
    assertTrue(
        c.stream().noneMatch(x -> x.syscall().equals("futex")),
        "futex EAGAIN is timing, not failure");
  }

  @Test
  void getrandomEnosys_isHandled_whenTheSameThreadOpensDevUrandomNext() {
    Trace t = real("fallbacks-enosys-capdrop");
    SyscallEvent python = event(t, 13, "getrandom", 24);
    SyscallEvent glibcInSh = event(t, 10, "getrandom", 8);

    assertEquals(
        "handled fallback: openat succeeded next (line 494)",
        Fallbacks.handled(t, python).orElseThrow());
    assertTrue(
        Fallbacks.handled(t, glibcInSh).isEmpty(),
        "no fallback call follows glibc's own getrandom");
  }

  private static SyscallEvent event(Trace t, int pid, String name, int bytes) {
    return t.events().stream()
        .filter(
            e ->
                e.pid() == pid
                    && e.name().equals(name)
                    && e.arguments().contains(", " + bytes + ", "))
        .findFirst()
        .orElseThrow();
  }
}
