package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.NamedEngine;
import io.splitcheck.testing.StaticPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck twice} on the real Docker 26 engine ({@code scripts/engine --kind docker-26}):
 * built with buildx, exported with rewrite-timestamp=true under SOURCE_DATE_EPOCH, the tarballs
 * compared.
 */
class TwiceDocker26IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCENARIO =
      Path.of("..", "scenarios", "deterministic-build").toAbsolutePath().normalize();
  private static String host;

  @TempDir Path dir;

  @BeforeAll
  static void engine() throws Exception {
    host = NamedEngine.DOCKER26.host();
    NamedEngine.DOCKER26.load(host, "splitcheck/debian:bookworm");
  }

  private JsonNode twice(int expectedExit, String... args) throws Exception {
    Path json = dir.resolve("twice.json");
    String[] argv = new String[args.length + 5];
    argv[0] = "twice";
    argv[1] = "--docker-host";
    argv[2] = host;
    argv[3] = "--json";
    argv[4] = json.toString();
    System.arraycopy(args, 0, argv, 5, args.length);
    Cli.Result r = Cli.run(argv);
    assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
    return JSON.readTree(json.toFile());
  }

  @Test
  void deterministicBuild_isReproducible_underTheContextsGitCommitTime() throws Exception {
    JsonNode result = twice(0, SCENARIO.toString());

    assertTrue(result.path("reproducible").asBoolean(), result.toPrettyString());
    assertEquals("reproducible", result.path("verdict").asText());
    assertTrue(
        result.path("notes").toString().contains("the context's latest git commit"),
        result.toPrettyString());
    assertTrue(
        result.path("notes").toString().contains("rewrite-timestamp=true"),
        result.toPrettyString());
  }

  @Test
  void aStampWrittenByRun_isContent_namedInTheExportedLayer() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("stamp"));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nCOPY nanostamp /usr/bin/nanostamp\n"
            + "RUN [\"/usr/bin/nanostamp\", \"/stamp\"]\n");
    StaticPrograms.compile("nanostamp", ctx);

    JsonNode result = twice(1, ctx.toString(), "--source-date-epoch", "1700000000");

    assertEquals("content", result.path("verdict").asText(), result.toPrettyString());
    List<String> paths = new ArrayList<>();
    result.path("differences").forEach(d -> paths.add(d.path("path").asText()));
    assertEquals(List.of("/stamp"), paths, result.toPrettyString());
    assertTrue(
        result.path("differences").get(0).path("kinds").toString().contains("\"content\""),
        result.toPrettyString());
  }

  @Test
  void aRunStepsFile_isReproducible_becauseRewriteTimestampClampsItsMtime() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.copy(
        Path.of("/bin/busybox"), ctx.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM scratch\nCOPY busybox /bin/busybox\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox echo x > /x\"]\n");

    JsonNode result = twice(0, ctx.toString(), "--source-date-epoch", "1700000000");

    assertEquals("reproducible", result.path("verdict").asText(), result.toPrettyString());
    assertTrue(
        result.path("notes").toString().contains("SOURCE_DATE_EPOCH=1700000000"),
        result.toPrettyString());
  }
}
