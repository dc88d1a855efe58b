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
  void exists_knowsRealSyscalls_perArch() {
    assertTrue(resolver.exists("getrandom", "amd64"));
    assertTrue(resolver.exists("getrandom", "x86_64"));
    assertFalse(resolver.exists("notasyscall", "amd64"));
    assertFalse(resolver.exists("chown32", "amd64"));
    assertTrue(resolver.exists("chown32", "x86"));
    assertEquals(318, resolver.number("getrandom", "amd64").orElseThrow());
    assertTrue(resolver.version().matches("\\d+\\.\\d+\\.\\d+"), resolver.version());
  }

  @Test
  void exists_rejectsUnknownArchitecture() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolver.exists("read", "vax"));

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
  void unknownSyscalls_ofEngineDefault_areOnlyNamesOfOtherArchitectures() {
    List<String> unknown =
        resolver.unknownSyscalls(
            SeccompProfile.read(
                Path.of(
                    "../splitcheck-core/src/test/resources/fixtures/seccomp/engine-default.json")),
            "amd64");

    assertFalse(unknown.contains("getrandom"));
    assertTrue(
        unknown.stream().allMatch(n -> List.of("recv", "send").contains(n)), unknown.toString());
  }
}
