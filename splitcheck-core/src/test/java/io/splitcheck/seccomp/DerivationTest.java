package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivationTest {

  private static final SeccompProfile DEFAULT = Fixtures.engineDefault();
  private static final Set<String> CAPS = ProfileEvaluatorTest.DOCKER_CAPS;

  @Test
  void parse_sortsItemsAndRendersCanonically() {
    Derivation d =
        Derivation.parse(
            " getrandom=eperm , clone3=38,-io_uring_setup, +ptrace, kexec_load=KILL,x=1234");

    assertEquals(
        "clone3=ENOSYS,getrandom=EPERM,-io_uring_setup,kexec_load=kill,+ptrace,x=1234",
        d.toString());
    assertEquals(Derivation.parse(d.toString()), d);
  }

  @Test
  void
      apply_getrandomEperm_makesEvaluatorDenyWithEperm_throughTheDefaultAction_asRuncSkipsTheRule() {
    SeccompProfile derived = Derivation.parse("getrandom=EPERM").apply(DEFAULT);

    Decision d = ProfileEvaluator.evaluate(derived, "getrandom", CAPS, "amd64");
    assertEquals(SeccompActions.ERRNO, d.action());
    assertEquals("EPERM", d.errnoName());
    assertTrue(d.byDefault(), d.reason());
    assertTrue(
        d.reason()
            .contains(
                "(\"splitcheck derive: getrandom=EPERM\") has the default action, so runc skips it"),
        d.reason());
    assertTrue(ProfileEvaluator.evaluate(DEFAULT, "getrandom", CAPS, "amd64").allowed());
  }

  @Test
  void apply_removal_leavesSyscallToDefaultAction() {
    SeccompProfile derived = Derivation.parse("-io_uring_setup").apply(DEFAULT);

    Decision d = ProfileEvaluator.evaluate(derived, "io_uring_setup", CAPS, "amd64");
    assertTrue(d.byDefault(), d.reason());
    assertEquals("EPERM", d.errnoName());
    assertTrue(ProfileEvaluator.evaluate(derived, "io_uring_enter", CAPS, "amd64").allowed());
  }

  @Test
  void apply_overridesCapabilityConditionalRules() {
    SeccompProfile derived = Derivation.parse("clone3=EPERM,+ptrace").apply(DEFAULT);

    assertEquals(
        "EPERM",
        ProfileEvaluator.evaluate(derived, "clone3", Set.of("CAP_SYS_ADMIN"), "amd64").errnoName());
    assertTrue(
        ProfileEvaluator.evaluate(derived, "ptrace", Set.of(), "amd64", null, "4.4").allowed());
    assertEquals(
        DEFAULT.rules().size() - 3 + 2,
        derived.rules().size(),
        "clone3's two ENOSYS rules vanish, ptrace's minKernel rule vanishes, two rules appended");
  }

  @Test
  void apply_isDeterministic_regardlessOfItemOrder() {
    String a =
        Derivation.parse("getrandom=EPERM,clone3=EPERM,-io_uring_setup,statx=ENOSYS")
            .apply(DEFAULT)
            .toJson();
    String b =
        Derivation.parse("statx=ENOSYS,-io_uring_setup,clone3=EPERM,getrandom=EPERM")
            .apply(DEFAULT)
            .toJson();

    assertEquals(a, b);
    SeccompProfile derived = SeccompProfile.parse(a, "derived");
    List<SyscallRule> appended =
        derived.rules().subList(derived.rules().size() - 2, derived.rules().size());
    assertEquals(List.of("clone3", "getrandom"), appended.get(0).names());
    assertEquals(List.of("statx"), appended.get(1).names());
  }

  @Test
  void apply_killAction() {
    SeccompProfile derived = Derivation.parse("getrandom=kill").apply(DEFAULT);

    assertEquals(
        SeccompActions.KILL_PROCESS,
        ProfileEvaluator.evaluate(derived, "getrandom", CAPS, "amd64").action());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "getrandom=EPRM|item 'getrandom=EPRM' has unknown errno or action 'EPRM', expected NAME=ERRNO",
        "getrandom|item 'getrandom' has no action",
        "GetRandom=EPERM|invalid syscall name 'GetRandom'",
        "getrandom=EPERM,,clone3=EPERM|empty item",
        "-getrandom=EPERM|has both a +/- prefix and a value",
        "getrandom=EPERM,getrandom=ENOSYS|names getrandom a second time",
        "getrandom=5000|unknown errno or action '5000'",
      })
  void parse_rejectsBadItems_namingItemAndForms(String expr, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Derivation.parse(expr));

    assertTrue(
        e.getMessage().startsWith("Error parsing derivation '" + expr + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
