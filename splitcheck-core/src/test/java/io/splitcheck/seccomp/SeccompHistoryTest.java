package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the real Docker default profiles of moby's history do under runc 1.1 (the engine here). */
class SeccompHistoryTest {

  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;

  private static Decision on(String file, String syscall) {
    return ProfileEvaluator.evaluate(
        SeccompProfile.read(
            file.equals("docker-19.03.0.json") || file.equals("docker-20.10.0.json")
                ? Historical.profile(file)
                : Fixtures.path("seccomp/" + file)),
        syscall,
        CAPS,
        "amd64",
        null,
        "6.1");
  }

  @Test
  void docker19_03_givesClone3AndFaccessat2Enosys_throughRuncsStub() {
    for (String s :
        new String[] {"clone3", "faccessat2", "close_range", "openat2", "epoll_pwait2"}) {
      Decision d = on("docker-19.03.0.json", s);
      assertEquals("ENOSYS", d.errnoName(), s);
      assertTrue(d.reason().startsWith("runc's -ENOSYS stub (syscall "), d.reason());
      assertTrue(d.reason().contains("the last being 333)"), d.reason());
    }
    assertTrue(on("docker-19.03.0.json", "statx").allowed());
  }

  @Test
  void docker20_10_0_givesClone3Eperm_becauseItNamesNewerSyscalls() {
    Decision clone3 = on("docker-20.10.0.json", "clone3");
    assertEquals("EPERM", clone3.errnoName());
    assertTrue(clone3.byDefault(), clone3.reason());
    assertTrue(on("docker-20.10.0.json", "faccessat2").allowed());
    assertEquals("EPERM", on("docker-20.10.0.json", "close_range").errnoName());
    assertEquals("ENOSYS", on("docker-20.10.0.json", "epoll_pwait2").errnoName());
  }

  @Test
  void docker20_10_24_givesClone3Enosys_byItsOwnRule() {
    Decision d = on("docker-20.10.24.json", "clone3");
    assertEquals("ENOSYS", d.errnoName());
    assertTrue(d.reason().startsWith("rule syscalls["), d.reason());
    assertTrue(
        ProfileEvaluator.evaluate(
                SeccompProfile.read(Fixtures.path("seccomp/docker-20.10.24.json")),
                "clone3",
                Set.of("CAP_SYS_ADMIN"),
                "amd64")
            .allowed(),
        "the ENOSYS rule excludes CAP_SYS_ADMIN");
  }

  @Test
  void docker26_andContainerd17_dropIoUring_whileDocker20_10AllowsIt() {
    assertEquals("EPERM", on("docker-26.1.json", "io_uring_setup").errnoName());
    assertTrue(on("docker-20.10.24.json", "io_uring_setup").allowed());
    assertTrue(
        on("containerd-1.7.json", "io_uring_setup").allowed(), "containerd 1.7.24 still allows it");
    assertTrue(on("containerd-1.6.20-runtime-default.json", "getrandom").allowed());
  }
}
