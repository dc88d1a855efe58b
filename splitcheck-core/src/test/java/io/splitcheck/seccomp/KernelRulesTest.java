package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The four cases of issue 16 in the pure evaluator, from the custom profiles the kernel comparison
 * (SeccompKernelIT) loads into the real kernel; the expected answers are the kernel's there.
 */
class KernelRulesTest {

  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;

  private static Decision on(String file, String syscall, long... args) {
    return ProfileEvaluator.evaluate(
        SeccompProfile.read(Fixtures.path("seccomp/custom/" + file)),
        syscall,
        CAPS,
        "amd64",
        args,
        null);
  }

  @Test
  void unconditionalAllow_beatsAConditionalErrno_forTheSameSyscall_inEitherOrder() {
    assertTrue(on("unconditional-beats-conditional.json", "personality", 8).allowed());
    assertTrue(on("unconditional-beats-conditional.json", "getpid", 0).allowed());
    assertEquals(
        5,
        on("unconditional-beats-conditional.json", "getppid").errno(),
        "the first unconditional rule");
  }

  @Test
  void aRuleWithTheDefaultAction_isSkipped_soAConditionalRuleDecides() {
    assertTrue(on("unconditional-beats-conditional.json", "uname", 0).allowed());
    assertTrue(on("unconditional-beats-conditional.json", "uname", 1).byDefault());
  }

  @Test
  void twoConditionsOnOneArgument_areOred_onDifferentArguments_anded() {
    assertTrue(on("same-argument-ored.json", "getpriority", 1).allowed(), "1 <= 10");
    assertTrue(on("same-argument-ored.json", "getpriority", 50).allowed(), "50 >= 5");
    assertTrue(on("same-argument-ored.json", "setpriority", 0, 0).allowed());
    assertEquals(1, on("same-argument-ored.json", "setpriority", 0, 1).errno());
    assertEquals(
        29, on("same-argument-ored.json", "lseek", 0, 0, 0).errno(), "0 < 4 though not > 1");
  }

  @Test
  void overlappingConditionalRules_decideInLibseccompsOrder_notFileOrder() {
    assertEquals(
        97,
        on("overlapping-conditionals.json", "socket", 10, 1, 0).errno(),
        "arg2 is tested before arg0");
    assertTrue(on("overlapping-conditionals.json", "socket", 10, 1, 6).allowed());
    assertEquals(
        22, on("overlapping-conditionals.json", "prctl", 25).errno(), "LE is tested before GE");
    assertEquals(
        13,
        on("overlapping-conditionals.json", "socketpair", 1, 1).errno(),
        "the shorter chain wins");
  }

  @Test
  void namesOfOtherArchitectures_areNotASyscall_andCountNotForRuncsStub() {
    assertTrue(on("foreign-names.json", "socketcall").notASyscall());
    assertTrue(on("foreign-names.json", "s390_pci_mmio_read").notASyscall());
    assertTrue(on("foreign-names.json", "notasyscall").notASyscall());
    assertTrue(on("foreign-names.json", "openat").allowed());
    assertEquals(
        "ENOSYS", on("foreign-names.json", "clone3").errnoName(), "newer than openat (257)");
    assertEquals(
        "EPERM", on("foreign-names.json", "close").errnoName(), "3 < 257: the default action");
  }
}
