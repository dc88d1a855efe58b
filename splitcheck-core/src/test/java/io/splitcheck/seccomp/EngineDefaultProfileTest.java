package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real default profiles of seccomp-profiles/, as the engine axis reads them. */
class EngineDefaultProfileTest {
  private static EngineDefaultProfile load(String file) throws IOException {
    return EngineDefaultProfile.parse(
        Files.readString(Path.of("..", "seccomp-profiles", file)), file);
  }

  @Test
  void containersCommon_defaultErrnoIsEnosys_readFromTheTree() throws IOException {
    EngineDefaultProfile p = load("podman-containers-common.json");
    assertEquals("ENOSYS", p.defaultErrno());
    Decision d = p.decide("request_key", "amd64");
    assertTrue(d.byDefault());
    assertEquals("ENOSYS", d.errnoName());
    assertTrue(p.decide("clone3", "amd64").allowed());
  }

  @Test
  void docker_defaultErrnoIsEperm_ioUringAllowedOn2010Only() throws IOException {
    EngineDefaultProfile d20 = load("docker-20.10.24.json");
    EngineDefaultProfile d26 = load("docker-26.1.json");
    assertEquals("EPERM", d20.defaultErrno());
    assertEquals("EPERM", d26.defaultErrno());
    assertTrue(d20.decide("io_uring_setup", "amd64").allowed());
    assertTrue(d26.decide("io_uring_setup", "amd64").byDefault());
    assertEquals("ENOSYS", d20.decide("clone3", "amd64").errnoName());
  }

  @Test
  void engineCause_namesBothErrnos_theDefaultErrnos_andTheRuntimes() throws IOException {
    EngineCause.Side docker =
        new EngineCause.Side("docker-20.10", "EPERM", load("docker-20.10.24.json"), "runc 1.1.5");
    EngineCause.Side podman =
        new EngineCause.Side(
            "podman", "ENOSYS", load("podman-containers-common.json"), "crun 1.8.1");
    Culprit c = EngineCause.culprit("request_key", docker, podman, "amd64");
    assertEquals(
        new Culprit(
            "request_key",
            "ENOSYS",
            Culprit.ENGINE,
            null,
            "EPERM on docker-20.10, ENOSYS on podman; request_key is in neither default profile: default "
                + "errno EPERM (docker-20.10.24.json) vs ENOSYS (podman-containers-common.json); "
                + "runtime runc 1.1.5 vs crun 1.8.1"),
        c);
  }

  @Test
  void aNameThatContradictsItsNumber_isBadInputNamingTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EngineDefaultProfile.parse(
                    "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":1,\"defaultErrno\":\"ENOSYS\",\"syscalls\":[]}",
                    "x.json"));
    assertEquals(
        "seccomp profile 'x.json': field 'defaultErrno' is 'ENOSYS' (38) but the number beside it is 1",
        e.getMessage());
  }

  @Test
  void aNameWithoutANumber_isEvaluatedAsTheErrnoItNames() {
    EngineDefaultProfile p =
        EngineDefaultProfile.parse(
            "{\"defaultAction\":\"SCMP_ACT_ERRNO\","
                + "\"defaultErrno\":\"ENOSYS\",\"syscalls\":[{\"names\":[\"clone3\"],"
                + "\"action\":\"SCMP_ACT_ERRNO\",\"errno\":\"EACCES\"}]}",
            "x.json");
    assertEquals("ENOSYS", p.defaultErrno());
    assertEquals("ENOSYS", p.decide("request_key", "amd64").errnoName());
    assertEquals("EACCES", p.decide("clone3", "amd64").errnoName());
  }

  @Test
  void aRuleNameThatContradictsItsNumber_isBadInputNamingTheRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EngineDefaultProfile.parse(
                    "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"clone3\"],"
                        + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1,\"errno\":\"ENOSYS\"}]}",
                    "x.json"));
    assertEquals(
        "seccomp profile 'x.json': field 'syscalls[0].errno' is 'ENOSYS' (38) but the number "
            + "beside it is 1",
        e.getMessage());
  }
}
