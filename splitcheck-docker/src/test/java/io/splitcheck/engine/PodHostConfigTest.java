package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodHostConfigTest {
  private static final Map<String, String> LABELS = Map.of("io.splitcheck.run", "r1");

  private static JsonNode body(PodSettings pod) {
    return ContainerSettings.createBody(
        ContainerSpec.cell(
            "img:1",
            null,
            ContainerSecurity.engineDefault().withDropAllCaps().withPod(pod),
            LABELS,
            Duration.ofSeconds(5),
            1024));
  }

  @Test
  void podSettings_becomeUserGroupsCapsLimitsEnvAndWorkdir() {
    PodSettings pod =
        new PodSettings(
            "10001:10001",
            null,
            true,
            List.of("2000"),
            List.of("NET_BIND_SERVICE"),
            List.of(),
            new PodSettings.Limits(128L << 20, 64L, 500_000_000L),
            Map.of("/run", "rw,nosuid,nodev,mode=1777"),
            Map.of(),
            Map.of("TZ", "UTC"),
            "/srv",
            null,
            null);
    JsonNode b = body(pod);
    assertEquals("10001:10001", b.path("User").asText());
    assertEquals("[\"TZ=UTC\"]", b.path("Env").toString());
    assertEquals("/srv", b.path("WorkingDir").asText());
    JsonNode h = b.path("HostConfig");
    assertEquals("[\"2000\"]", h.path("GroupAdd").toString());
    assertEquals("[\"NET_BIND_SERVICE\"]", h.path("CapAdd").toString());
    assertEquals("[\"ALL\"]", h.path("CapDrop").toString());
    assertEquals(128L << 20, h.path("Memory").asLong());
    assertEquals(128L << 20, h.path("MemorySwap").asLong(), "a pod has no swap");
    assertEquals(64, h.path("PidsLimit").asLong());
    assertEquals(500_000_000L, h.path("NanoCpus").asLong());
    assertEquals("{\"/run\":\"rw,nosuid,nodev,mode=1777\"}", h.path("Tmpfs").toString());
  }

  @Test
  void emptyDir_isAFreshLabelledTmpfsVolume_mountedWithoutTheImagesContentOrMode() {
    PodSettings pod = PodSettings.NONE;
    pod =
        new PodSettings(
            null,
            null,
            false,
            List.of(),
            List.of(),
            List.of(),
            PodSettings.Limits.NONE,
            Map.of(),
            Map.of("/var/cache/app", "mode=1777,size=16777216"),
            Map.of(),
            null,
            null,
            null);
    JsonNode m = body(pod).path("HostConfig").path("Mounts").get(0);
    assertEquals("volume", m.path("Type").asText());
    assertEquals("/var/cache/app", m.path("Target").asText());
    assertTrue(m.path("Source").asText().startsWith("splitcheck-r1-emptydir-"), m.toString());
    assertTrue(m.path("VolumeOptions").path("NoCopy").asBoolean());
    assertEquals("r1", m.path("VolumeOptions").path("Labels").path("io.splitcheck.run").asText());
    assertEquals(
        "{\"type\":\"tmpfs\",\"device\":\"tmpfs\",\"o\":\"mode=1777,size=16777216\"}",
        m.path("VolumeOptions").path("DriverConfig").path("Options").toString());
  }

  @Test
  void nonRootFallback_replacesARootOrNamedImageUser_only() {
    PodSettings restricted =
        new PodSettings(
            null,
            65532,
            true,
            List.of(),
            List.of(),
            List.of(),
            PodSettings.Limits.NONE,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            null);
    assertEquals("65532", restricted.effectiveUser(""));
    assertEquals("65532", restricted.effectiveUser("nginx"));
    assertEquals("1000:1000", restricted.effectiveUser("1000:1000"));
    assertEquals(1000, restricted.effectiveUid("1000:1000"));
  }
}
