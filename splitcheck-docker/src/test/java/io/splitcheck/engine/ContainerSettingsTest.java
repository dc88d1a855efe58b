package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {
  private static final Map<String, String> LABELS =
      Map.of("io.splitcheck.run", "r1", "io.splitcheck.role", "cell");

  private static String body(ContainerSecurity security) {
    return ContainerSettings.createBody(
            ContainerSpec.cell("img:1", null, security, LABELS, Duration.ofSeconds(5), 1024))
        .toString();
  }

  @Test
  void unconfinedCell_turnsSeccompOffAndNothingElse_besideTheBoundsEveryCellGets() {
    assertEquals(
        "{\"Image\":\"img:1\",\"Labels\":{\"io.splitcheck.role\":\"cell\","
            + "\"io.splitcheck.run\":\"r1\"},\"Tty\":false,\"AttachStdout\":false,\"AttachStderr\":false,"
            + "\"HostConfig\":{\"Privileged\":false,\"SecurityOpt\":[\"seccomp=unconfined\"],"
            + "\"PidsLimit\":4096,\"Memory\":4294967296,\"MemorySwap\":4294967296}}",
        body(ContainerSecurity.unconfined()));
  }

  @Test
  void engineDefaultCell_sendsNoSecurityOptions_soTheEngineAppliesItsDefaultProfile() {
    assertEquals(
        "{\"Privileged\":false}",
        ContainerSettings.hostConfig(ContainerSecurity.engineDefault()).toString());
  }

  @Test
  void restrictedCell_dropsCapsMountsReadOnlyWithTmpfsTmp_noNetwork_noNewPrivileges() {
    assertEquals(
        "{\"Privileged\":false,\"SecurityOpt\":[\"no-new-privileges\"],"
            + "\"CapDrop\":[\"ALL\"],\"ReadonlyRootfs\":true,"
            + "\"Tmpfs\":{\"/tmp\":\"rw,nosuid,nodev,size=64m\"},\"NetworkMode\":\"none\"}",
        ContainerSettings.hostConfig(
                ContainerSecurity.engineDefault()
                    .withDropAllCaps()
                    .withReadOnlyRoot(true)
                    .withNoNetwork()
                    .withNoNewPrivileges())
            .toString());
  }

  @Test
  void customProfile_isSentInline_asDockerRunSecurityOptDoes() {
    assertEquals(
        "{\"Privileged\":false,\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":"
            + "\\\"SCMP_ACT_ALLOW\\\"}\"]}",
        ContainerSettings.hostConfig(
                ContainerSecurity.customProfile("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}"))
            .toString());
  }

  @Test
  void tracerSidecar_sharesThePidNamespace_withOnlySysPtraceAdded_andMountsItsVolume() {
    ContainerSpec spec =
        new ContainerSpec(
                "img:1",
                List.of("/t/strace"),
                List.of("-f"),
                ContainerSecurity.engineDefault(),
                List.of(new ContainerSpec.VolumeMount("vol1", "/t", true)),
                LABELS,
                Duration.ofSeconds(5),
                1024,
                null,
                null)
            .asPtraceSidecarOf("abc");
    String json = ContainerSettings.createBody(spec).toString();
    assertEquals(true, json.contains("\"Entrypoint\":[\"/t/strace\"],\"Cmd\":[\"-f\"]"), json);
    assertEquals(
        true,
        json.endsWith(
            "\"HostConfig\":{\"Privileged\":false,\"PidsLimit\":4096,"
                + "\"Memory\":4294967296,\"MemorySwap\":4294967296,\"Binds\":[\"vol1:/t:ro\"],"
                + "\"PidMode\":\"container:abc\",\"CapAdd\":[\"SYS_PTRACE\"]}}"),
        json);
  }

  @Test
  void everyCell_getsThePidsAndMemoryBounds_theBaselineAsTheRest() {
    for (ContainerSecurity s :
        List.of(ContainerSecurity.unconfined(), ContainerSecurity.engineDefault())) {
      String json =
          ContainerSettings.createBody(
                  ContainerSpec.cell("img:1", null, s, LABELS, Duration.ofSeconds(5), 1024))
              .toString();
      assertEquals(
          true,
          json.contains("\"PidsLimit\":4096,\"Memory\":4294967296,\"MemorySwap\":4294967296"),
          json);
    }
  }

  @Test
  void cellLimits_parseSizesAndNameTheOption_whenBad() {
    assertEquals(
        new CellLimits(64, 512L << 20), CellLimits.parse("pids=64,memory=512m", "--cell-limits"));
    assertEquals(new CellLimits(4096, 1L << 30), CellLimits.parse("memory=1G", "--cell-limits"));
    for (String bad : List.of("pids=0", "memory=1k", "cpus=2", "pids=lots", "memory=4x")) {
      IllegalArgumentException e =
          Assertions.assertThrows(
              IllegalArgumentException.class, () -> CellLimits.parse(bad, "--cell-limits"));
      assertEquals(true, e.getMessage().startsWith("--cell-limits '" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void ebpfTracedCell_runsUnderItsCgroupParent() {
    ContainerSpec spec =
        ContainerSpec.cell(
                "img:1",
                null,
                ContainerSecurity.engineDefault(),
                LABELS,
                Duration.ofSeconds(5),
                1024)
            .withCgroupParent("/splitcheck-r1/cell-0");
    String json = ContainerSettings.createBody(spec).toString();
    assertEquals(true, json.contains("\"CgroupParent\":\"/splitcheck-r1/cell-0\""), json);
  }

  @Test
  void helperContainer_neverRunsTheImageProgram_andHasNoNetwork() {
    String json =
        ContainerSettings.helperBody("img:1", "/no-such", LABELS, EngineApi.JSON.createObjectNode())
            .toString();
    assertEquals(
        true,
        json.contains("\"Entrypoint\":[\"/no-such\"],\"Cmd\":[],\"NetworkDisabled\":true"),
        json);
  }
}
