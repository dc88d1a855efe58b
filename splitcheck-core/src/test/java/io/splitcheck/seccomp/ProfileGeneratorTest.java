package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileGeneratorTest {

  @Test
  void allowlist_matchesGoldenBytes_forCapturedTrace() throws IOException {
    Trace trace = Trace.parse(Fixtures.path("trace/restrict-unconfined.log"));

    String json = ProfileGenerator.allowlist(trace.syscallNames()).toJson();

    assertEquals(Files.readString(Fixtures.path("seccomp/allowlist-restrict.golden.json")), json);
  }

  @Test
  void allowlist_isSortedUnique_andRuncsStubAnswersNewerSyscallsWithEnosys() {
    SeccompProfile p =
        ProfileGenerator.allowlist(
            List.of("write", "read", "write", "syscall_0x1b6"), Fixtures.engineDefault());

    assertEquals(List.of("read", "write"), p.rules().get(0).names());
    assertEquals(Fixtures.engineDefault().archMap(), p.archMap());
    assertTrue(ProfileEvaluator.evaluate(p, "read", Set.of(), "amd64").allowed());
    Decision open = ProfileEvaluator.evaluate(p, "openat", Set.of(), "amd64");
    assertEquals("ENOSYS", open.errnoName());
    assertTrue(
        open.reason()
            .startsWith(
                "runc's -ENOSYS stub (syscall 257 is newer than every syscall the profile"
                    + " names, the last being 1)"),
        open.reason());
  }

  @Test
  void runnable_addsWhatRuncNeedsAfterInstallingTheFilter() {
    SeccompProfile p = ProfileGenerator.runnable(List.of("getrandom"), null);

    assertTrue(p.rules().get(0).names().containsAll(ProfileGenerator.RUNC_SYSCALLS));
    assertTrue(p.rules().get(0).names().contains("getrandom"));
    assertFalse(p.rules().get(0).names().contains("ptrace"));
  }

  @Test
  void allowlist_rejectsEmptyInput() {
    assertThrows(
        IllegalArgumentException.class, () -> ProfileGenerator.allowlist(List.of("syscall_0x1")));
  }
}
