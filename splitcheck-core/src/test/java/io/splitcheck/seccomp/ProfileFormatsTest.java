package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every real profile format is read; truly unknown fields still fail, naming the file and the
 * field.
 */
class ProfileFormatsTest {

  @Test
  void read_acceptsContainersCommonsProfile_withDefaultErrnoAndErrnoNames() {
    SeccompProfile p =
        SeccompProfile.read(Fixtures.path("seccomp/podman-containers-common-debian12.json"));

    assertEquals("ENOSYS", p.extras().defaultErrno());
    assertEquals(38, p.defaultErrnoRet());
    assertEquals(10, p.rules().stream().filter(r -> "EPERM".equals(r.errno())).count());
    assertEquals(1, p.rules().stream().filter(r -> "EINVAL".equals(r.errno())).count());
    assertEquals(p, SeccompProfile.parse(p.toJson(), "round trip"));
  }

  @Test
  void read_acceptsEveryRealProfile() {
    for (String f :
        List.of(
            "docker-20.10.24.json",
            "docker-26.1.json",
            "containerd-1.6.20-runtime-default.json",
            "containerd-1.7.json",
            "engine-default.json")) {
      SeccompProfile p = SeccompProfile.read(Fixtures.path("seccomp/" + f));
      assertTrue(p.rules().size() > 5, f);
    }
  }

  @Test
  void read_acceptsRuntimeSpecFields_flagsListenerAndTopLevelComment() {
    SeccompProfile p =
        SeccompProfile.parse(
            "{\"comment\": \"mine\", \"defaultAction\": \"SCMP_ACT_ALLOW\","
                + " \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"], \"listenerPath\": \"/run/agent.sock\","
                + " \"listenerMetadata\": \"x\", \"syscalls\": [{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_NOTIFY\"}]}",
            "agent.json");

    assertEquals(List.of("SECCOMP_FILTER_FLAG_LOG"), p.flags());
    assertEquals(new SeccompProfile.Extras(null, "/run/agent.sock", "x"), p.extras());
    assertEquals(p, SeccompProfile.parse(p.toJson(), "round trip"));
  }

  @Test
  void read_rejectsUnknownFieldsErrnoNamesAndFlags_namingFileAndField() {
    assertRejected(
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultErrnoo\": 1}",
        "Error parsing seccomp profile 'bad.json': the profile has unknown field 'defaultErrnoo', expected one of");
    assertRejected(
        "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrno\": \"ENOSYSS\"}",
        "Error parsing seccomp profile 'bad.json': defaultErrno 'ENOSYSS' is not an errno, expected a name like");
    assertRejected(
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\":"
            + " \"SCMP_ACT_ERRNO\", \"errno\": 5}]}",
        "Error parsing seccomp profile 'bad.json': syscalls[0].errno is number 5, expected a string");
    assertRejected(
        "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": [\"SECCOMP_FILTER_FLAG_FAST\"]}",
        "Error parsing seccomp profile 'bad.json': flags[0] 'SECCOMP_FILTER_FLAG_FAST' is not a seccomp filter flag");
  }

  private static void assertRejected(String json, String prefix) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeccompProfile.parse(json, "bad.json"));
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
