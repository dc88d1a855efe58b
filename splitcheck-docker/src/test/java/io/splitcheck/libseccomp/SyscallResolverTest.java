package io.splitcheck.libseccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.seccomp.SeccompProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uses the host's libseccomp.so.2 (libseccomp2 is installed where these tests run). */
class SyscallResolverTest {

  private final SyscallResolver resolver =
      SyscallResolver.load()
          .orElseThrow(() -> new AssertionError("libseccomp.so.2 not loadable through JNA"));

  @Test
  void number_knowsRealSyscalls_perArch() {
    assertTrue(resolver.number("getrandom", "amd64").isPresent());
    assertTrue(resolver.number("getrandom", "x86_64").isPresent());
    assertFalse(resolver.number("notasyscall", "amd64").isPresent());
    assertFalse(resolver.number("chown32", "amd64").isPresent());
    assertTrue(resolver.number("chown32", "x86").isPresent());
    assertEquals(318, resolver.number("getrandom", "amd64").orElseThrow());
    assertTrue(resolver.version().matches("\\d+\\.\\d+\\.\\d+"), resolver.version());
  }

  @Test
  void number_rejectsUnknownArchitecture() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolver.number("read", "vax"));

    assertTrue(e.getMessage().startsWith("Unknown architecture 'vax'"), e.getMessage());
  }

  @Test
  void unknownSyscalls_listsNamesTheRuntimeIgnores_checkingSubArchitectures() {
    SeccompProfile p =
        SeccompProfile.parse(
            """
                {"defaultAction": "SCMP_ACT_ERRNO",
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
                 "syscalls": [
                   {"names": ["read", "notasyscall", "chown32", "getrnadom"], "action": "SCMP_ACT_ALLOW"},
                   {"names": ["s390_only_typo"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["s390x"]}}]}
                """,
            "typo.json");

    assertEquals(List.of("getrnadom", "notasyscall"), resolver.unknownSyscalls(p, "amd64"));
    List<String> warnings = resolver.lint(p, "typo.json", "amd64");
    assertEquals(2, warnings.size());
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "seccomp profile 'typo.json': syscall 'getrnadom' is unknown to libseccomp "),
        warnings.get(0));
  }

  @Test
  void unknownSyscalls_ofTheEnginesDefaultAndPodmans_areNone() {
    // both carry names of other arches (podman's: syscall, vm86, ...) and socketcall operations
    // (send, recv): libseccomp knows them all, and a warning about them would be noise
    for (String f : List.of("engine-default.json", "podman-containers-common-debian12.json")) {
      List<String> unknown =
          resolver.unknownSyscalls(
              SeccompProfile.read(
                  Path.of("../splitcheck-core/src/test/resources/fixtures/seccomp/" + f)),
              "amd64");

      assertEquals(List.of(), unknown, f);
    }
  }

  @Test
  void known_isEveryNameLibseccompResolves_evenAsAnotherArchsOrASocketcallOperation() {
    assertTrue(resolver.known("send", "amd64"), "socketcall operation");
    assertTrue(resolver.known("syscall", "amd64"), "a mips syscall");
    assertFalse(resolver.number("syscall", "amd64").isPresent());
    assertFalse(resolver.known("getrnadom", "amd64"));
  }
}
