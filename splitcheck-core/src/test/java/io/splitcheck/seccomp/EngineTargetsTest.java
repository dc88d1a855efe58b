package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** containers-common's profile on each target engine: what the engine really applies. */
class EngineTargetsTest {

  private static final SeccompProfile PODMAN =
      SeccompProfile.read(Fixtures.path("seccomp/podman-containers-common-debian12.json"));
  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;

  @Test
  void target_parsesEngineKindsAndDockerVersions() {
    assertEquals(EngineCompat.Target.DOCKER_20_10, EngineCompat.Target.of("docker-20.10"));
    assertEquals(EngineCompat.Target.DOCKER_20_10, EngineCompat.Target.of("20.10.24+dfsg1"));
    assertEquals(EngineCompat.Target.DOCKER_23, EngineCompat.Target.of("docker-26"));
    assertEquals(EngineCompat.Target.PODMAN, EngineCompat.Target.of("podman"));
  }

  @Test
  void podman_honoursDefaultErrno_soAnUnlistedSyscallGetsEnosys() {
    SeccompProfile loaded = EngineCompat.asLoaded(PODMAN, EngineCompat.Target.PODMAN);

    Decision d = ProfileEvaluator.evaluate(loaded, "io_uring_setup", CAPS, "amd64");
    assertEquals("ENOSYS", d.errnoName());
    assertTrue(d.byDefault());
    assertTrue(
        EngineCompat.fieldEffects(PODMAN, EngineCompat.Target.PODMAN).stream()
            .allMatch(EngineCompat.FieldEffect::honoured));
  }

  @Test
  void docker20_10_dropsDefaultErrnoRetAndTheNames_soTheSameSyscallGetsEperm_withWarnings() {
    SeccompProfile loaded = EngineCompat.asLoaded(PODMAN, EngineCompat.Target.DOCKER_20_10);

    assertEquals(
        "EPERM", ProfileEvaluator.evaluate(loaded, "io_uring_setup", CAPS, "amd64").errnoName());
    List<String> warnings = EngineCompat.warnings(PODMAN, "seccomp.json", "20.10.24");
    // defaultErrno ENOSYS says what defaultErrnoRet 38 says, and every rule's errno name is its
    // errnoRet's errno: dropping them changes nothing the first warning does not already say
    assertEquals(
        List.of(
            "seccomp profile 'seccomp.json': defaultErrnoRet 38 (ENOSYS) is ignored by engine 20.10.24; the default"
                + " action returns EPERM (engines from 23.0 honour it)"),
        warnings);
    assertEquals(
        "11 rules' errno names dropped; each returns its errnoRet, else EPERM (the errno each names)",
        EngineCompat.fieldEffects(PODMAN, EngineCompat.Target.DOCKER_20_10).stream()
            .filter(f -> f.field().equals("syscalls[].errno"))
            .findFirst()
            .orElseThrow()
            .effect());
    assertEquals(List.of(), EngineCompat.warnings(PODMAN, "seccomp.json", "26.1.5"));
  }

  @Test
  void droppedErrnoNames_thatDifferFromWhatTheEngineReturns_areWarnings_namingTheSyscalls() {
    SeccompProfile p =
        SeccompProfile.parse(
            """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrno": "EACCES", "defaultErrnoRet": 38,
                 "syscalls": [
                   {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                   {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errno": "EINVAL"},
                   {"names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errno": "EPERM", "errnoRet": 1}]}
                """,
            "odd.json");

    assertEquals(
        List.of(
            "seccomp profile 'odd.json': defaultErrno is ignored by engine 26.1.5 (Docker 23.0 and later"
                + " (moby profile loader with runtime-spec fields, runc)): dropped (a containers-common"
                + " field); the default action returns ENOSYS",
            "seccomp profile 'odd.json': syscalls[].errno is ignored by engine 26.1.5 (Docker 23.0 and later"
                + " (moby profile loader with runtime-spec fields, runc)): 2 rules' errno names dropped;"
                + " each returns its errnoRet, else EPERM: 1 differ (socket returns EPERM, not EINVAL)"),
        EngineCompat.warnings(p, "odd.json", "26.1.5"));
  }

  @Test
  void docker23_honoursDefaultErrnoRet_butNotTheNames() {
    SeccompProfile loaded = EngineCompat.asLoaded(PODMAN, EngineCompat.Target.DOCKER_23);

    assertEquals(
        "ENOSYS", ProfileEvaluator.evaluate(loaded, "io_uring_setup", CAPS, "amd64").errnoName());
    assertEquals(null, loaded.extras().defaultErrno());
    assertFalse(
        EngineCompat.fieldEffects(PODMAN, EngineCompat.Target.DOCKER_23).stream()
            .filter(f -> f.field().equals("defaultErrno"))
            .findFirst()
            .orElseThrow()
            .honoured());
  }

  @Test
  void podman_prefersTheErrnoName_overErrnoRet() {
    SeccompProfile p =
        SeccompProfile.parse(
            "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\":"
                + " [\"getrandom\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1, \"errno\": \"ENOSYS\"}]}",
            "p.json");

    assertEquals(
        "ENOSYS",
        ProfileEvaluator.evaluate(
                EngineCompat.asLoaded(p, EngineCompat.Target.PODMAN), "getrandom", CAPS, "amd64")
            .errnoName());
    assertEquals(
        "EPERM",
        ProfileEvaluator.evaluate(
                EngineCompat.asLoaded(p, EngineCompat.Target.DOCKER_23), "getrandom", CAPS, "amd64")
            .errnoName());
  }
}
