package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** GET /version and GET /info as the three engines on the CI machine answered them. */
class EngineFactsTest {
  private static EngineFacts facts(String kind) throws IOException {
    Path dir = Path.of("src/test/resources/fixtures/engines");
    JsonNode version = Json.mapper().readTree(dir.resolve(kind + "-version.json").toFile());
    JsonNode info = Json.mapper().readTree(dir.resolve(kind + "-info.json").toFile());
    return EngineFacts.of(version, info);
  }

  @Test
  void docker2010_isDocker2010WithRunc_andDebiansProfile() throws IOException {
    EngineFacts f = facts("docker-20.10");
    assertEquals(new EngineFacts("docker-20.10", "20.10.24+dfsg1", "runc 1.1.5"), f);
    assertEquals("docker-20.10.24.json", f.defaultProfileFile());
    assertFalse(f.profilesByPath());
  }

  @Test
  void docker26_isDocker26WithRunc_andTheDocker261Profile() throws IOException {
    EngineFacts f = facts("docker-26");
    assertEquals(new EngineFacts("docker-26", "26.1.5+dfsg1", "runc 1.1.5"), f);
    assertEquals("docker-26.1.json", f.defaultProfileFile());
  }

  @Test
  void podman_isKnownByItsComponent_withCrun_andTakesProfilesByPath() throws IOException {
    EngineFacts f = facts("podman");
    assertEquals(new EngineFacts("podman", "4.3.1", "crun 1.8.1"), f);
    assertEquals("podman-containers-common.json", f.defaultProfileFile());
    assertTrue(f.profilesByPath());
  }
}
