package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileEvaluatorTest {

  private static final SeccompProfile DEFAULT = Fixtures.engineDefault();

  /** Docker's default capability set. */
  static final Set<String> DOCKER_CAPS =
      Set.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  @Test
  void evaluate_allowsListedSyscall() {
    Decision d = ProfileEvaluator.evaluate(DEFAULT, "getrandom", DOCKER_CAPS, "amd64");

    assertEquals(SeccompActions.ALLOW, d.action());
    assertNull(d.errno());
    assertTrue(d.reason().startsWith("rule syscalls[0]"), d.reason());
  }

  @Test
  void evaluate_usesDefaultActionWithEperm_whenNoRuleAndNoDefaultErrnoRet() {
    Decision d = ProfileEvaluator.evaluate(DEFAULT, "kexec_load", DOCKER_CAPS, "x86_64");

    assertEquals(
        new Decision(
            SeccompActions.ERRNO,
            1,
            "EPERM",
            "no rule matches; default action SCMP_ACT_ERRNO (EPERM)"),
        d);
    assertTrue(d.byDefault());
    assertFalse(d.allowed());
  }

  @Test
  void evaluate_honoursDefaultErrnoRet() {
    SeccompProfile p =
        SeccompProfile.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38}", "p");

    assertEquals("ENOSYS", ProfileEvaluator.evaluate(p, "read", Set.of(), "amd64").errnoName());
  }

  @Test
  void evaluate_clone3_isEnosysWithoutSysAdmin_andAllowedWithIt() {
    Decision without = ProfileEvaluator.evaluate(DEFAULT, "clone3", DOCKER_CAPS, "amd64");
    Decision with = ProfileEvaluator.evaluate(DEFAULT, "clone3", Set.of("sys_admin"), "amd64");
    Decision mips = ProfileEvaluator.evaluate(DEFAULT, "clone3", Set.of(), "mips64");

    assertEquals(38, without.errno());
    assertEquals("ENOSYS", without.errnoName());
    assertTrue(without.reason().contains("ENOSYS for clone3 on non-mips"), without.reason());
    assertEquals(SeccompActions.ALLOW, with.action());
    assertEquals(89, mips.errno());
  }

  @Test
  void evaluate_filtersRulesByArch_andAnswersNotASyscall_forNamesOfOtherArches() {
    assertTrue(ProfileEvaluator.evaluate(DEFAULT, "arch_prctl", Set.of(), "amd64").allowed());
    assertTrue(ProfileEvaluator.evaluate(DEFAULT, "arch_prctl", Set.of(), "arm64").notASyscall());
    assertTrue(ProfileEvaluator.evaluate(DEFAULT, "set_tls", Set.of(), "arm").allowed());
    assertTrue(ProfileEvaluator.evaluate(DEFAULT, "set_tls", Set.of(), "aarch64").notASyscall());
  }

  @Test
  void evaluate_filtersRulesByMinKernel_whenKernelGiven() {
    assertTrue(
        ProfileEvaluator.evaluate(DEFAULT, "ptrace", Set.of(), "amd64", null, "5.10").allowed());
    assertFalse(
        ProfileEvaluator.evaluate(DEFAULT, "ptrace", Set.of(), "amd64", null, "4.4").allowed());
    assertTrue(
        ProfileEvaluator.evaluate(DEFAULT, "ptrace", Set.of("CAP_SYS_PTRACE"), "amd64", null, "4.4")
            .allowed());
  }

  @Test
  void evaluate_reportsConditional_whenArgumentsUnknown() {
    Decision d = ProfileEvaluator.evaluate(DEFAULT, "personality", DOCKER_CAPS, "amd64");

    assertTrue(d.conditional(), d.reason());
    assertEquals(SeccompActions.ALLOW, d.action());
    assertTrue(
        d.reason()
            .contains(
                "only when arg0 == 0x0 || arg0 == 0x8 || arg0 == 0x20000 || arg0 == 0x20008"
                    + " || arg0 == 0xffffffff; otherwise SCMP_ACT_ERRNO (EPERM)"),
        d.reason());
  }

  @Test
  void evaluate_evaluatesArgumentFilters_whenArgumentsKnown() {
    long cloneThread = 0x3d0f00L;
    long cloneNewUser = 0x10000000L;

    assertTrue(
        ProfileEvaluator.evaluate(DEFAULT, "personality", DOCKER_CAPS, "amd64", new long[] {8})
            .allowed());
    assertFalse(
        ProfileEvaluator.evaluate(DEFAULT, "personality", DOCKER_CAPS, "amd64", new long[] {0x1234})
            .allowed());
    assertTrue(
        ProfileEvaluator.evaluate(
                DEFAULT, "personality", DOCKER_CAPS, "amd64", new long[] {0xffffffffL})
            .allowed());
    assertTrue(
        ProfileEvaluator.evaluate(DEFAULT, "clone", DOCKER_CAPS, "amd64", new long[] {cloneThread})
            .allowed());
    Decision userns =
        ProfileEvaluator.evaluate(
            DEFAULT, "clone", DOCKER_CAPS, "amd64", new long[] {cloneNewUser});
    assertEquals("EPERM", userns.errnoName());
    assertTrue(
        ProfileEvaluator.evaluate(
                DEFAULT, "clone", Set.of("CAP_SYS_ADMIN"), "amd64", new long[] {cloneNewUser})
            .allowed());
  }

  @ParameterizedTest
  @CsvSource({
    "SCMP_CMP_EQ, 5, 0, 5, true",
    "SCMP_CMP_EQ, 5, 0, 6, false",
    "SCMP_CMP_NE, 5, 0, 6, true",
    "SCMP_CMP_NE, 5, 0, 5, false",
    "SCMP_CMP_LT, 5, 0, 4, true",
    "SCMP_CMP_LT, 5, 0, 5, false",
    "SCMP_CMP_LT, 5, 0, -1, false",
    "SCMP_CMP_LE, 5, 0, 5, true",
    "SCMP_CMP_LE, 5, 0, 6, false",
    "SCMP_CMP_GT, 5, 0, 6, true",
    "SCMP_CMP_GT, 5, 0, 5, false",
    "SCMP_CMP_GT, 5, 0, -1, true",
    "SCMP_CMP_GE, 5, 0, 5, true",
    "SCMP_CMP_GE, 5, 0, 4, false",
    "SCMP_CMP_MASKED_EQ, 12, 8, 9, true",
    "SCMP_CMP_MASKED_EQ, 12, 8, 4, false",
  })
  void argFilter_comparesUnsigned(
      String op, long value, long valueTwo, long arg, boolean expected) {
    assertEquals(expected, new ArgFilter(0, value, valueTwo, op).matches(arg));
  }
}
