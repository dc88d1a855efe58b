package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.NamedEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck twice} on the real Podman service ({@code scripts/engine --kind podman}): two
 * no-cache buildah builds through {@code podman --remote build}, compared through the service's
 * Docker-compatible {@code docker save}. Skipped without Podman, failed under
 * SPLITCHECK_REQUIRE_ENGINE=1.
 */
class TwicePodmanIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String host;

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    host = NamedEngine.PODMAN.host();
  }

  private Path context() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.copy(
        Path.of("/bin/busybox"), ctx.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\n"
            // the sleep puts the two builds' files a second apart (fast builds can share one)
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox sleep 1; /bin/busybox echo x > /x\"]\n");
    return ctx;
  }

  private JsonNode twice(int expectedExit, String... args) throws Exception {
    Path json = dir.resolve("twice.json");
    List<String> argv =
        new ArrayList<>(List.of("twice", "--docker-host", host, "--json", json.toString()));
    argv.addAll(List.of(args));
    Cli.Result r = Cli.run(argv.toArray(String[]::new));
    assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("podman --remote build"), r.out());
    return JSON.readTree(json.toFile());
  }

  @Test
  void withoutATimestamp_buildahStampsEveryFileTheRunWrites_andTheNoteSaysItReadsNoSourceDateEpoch()
      throws Exception {
    JsonNode result = twice(1, context().toString());

    assertEquals("mtime-only", result.path("verdict").asText(), result.toPrettyString());
    List<String> paths = new ArrayList<>();
    result.path("differences").forEach(d -> paths.add(d.path("path").asText()));
    assertTrue(paths.contains("/x"), paths.toString());
    assertTrue(
        result.path("configDifferences").toString().contains("$.created"), result.toPrettyString());
    assertTrue(
        result.path("notes").toString().contains("reads no SOURCE_DATE_EPOCH"),
        result.toPrettyString());
  }

  @Test
  void withATimestamp_twoBuildahBuildsAreTheSameImage() throws Exception {
    JsonNode result = twice(0, context().toString(), "--source-date-epoch", "1700000000");

    assertEquals("reproducible", result.path("verdict").asText(), result.toPrettyString());
    assertEquals(result.path("first").path("id"), result.path("second").path("id"));
    assertTrue(
        result.path("notes").toString().contains("--timestamp 1700000000"),
        result.toPrettyString());
  }
}
