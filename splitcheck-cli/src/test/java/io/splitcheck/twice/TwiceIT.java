package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.testing.StaticPrograms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck twice} against the real engine, with FROM scratch contexts built from
 * busybox-static.
 */
@RequiresEngine
class TwiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  @TempDir Path dir;

  private Path context(String dockerfile, boolean busybox) throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    if (busybox) {
      Files.copy(BUSYBOX, ctx.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    }
    return ctx;
  }

  private JsonNode twice(Path ctx, int expectedExit) throws Exception {
    Path json = dir.resolve("twice.json");
    Cli.Result r = Cli.run("twice", ctx.toString(), "--json", json.toString());
    assertEquals(expectedExit, r.exitCode(), r.out() + r.err());
    return JSON.readTree(json.toFile());
  }

  @Test
  void twice_saysConfigOnly_whenOnlyTheConfigTimestampsDiffer() throws Exception {
    JsonNode result = twice(context("FROM scratch\nCOPY hello.txt /hello.txt\n", false), 1);

    assertEquals("config-only", result.path("verdict").asText());
    assertFalse(result.path("reproducible").asBoolean(true));
    assertEquals(result.path("first").path("layers"), result.path("second").path("layers"));
    assertTrue(result.path("differences").isEmpty());
    List<String> config = new ArrayList<>();
    result.path("configDifferences").forEach(p -> config.add(p.asText()));
    assertTrue(config.contains("$.created"), config.toString());
    assertTrue(config.stream().allMatch(p -> p.endsWith(".created")), config.toString());
  }

  @Test
  void twice_namesStampAsContent_attributedToTheRunStep() throws Exception {
    Path ctx =
        context(
            "FROM scratch\nCOPY nanostamp /usr/bin/nanostamp\n"
                + "RUN [\"/usr/bin/nanostamp\", \"/stamp\"]\n",
            false);
    StaticPrograms.compile("nanostamp", ctx);
    JsonNode result = twice(ctx, 1);

    assertEquals("content", result.path("verdict").asText());
    JsonNode stamp = null;
    for (JsonNode d : result.path("differences")) {
      if (d.path("path").asText().equals("/stamp")) {
        stamp = d;
      }
    }
    assertTrue(stamp != null, result.toPrettyString());
    assertTrue(stamp.path("kinds").toString().contains("\"content\""), stamp.toString());
    assertEquals(1, stamp.path("layer").asInt());
    assertTrue(stamp.path("step").asText().contains("nanostamp /stamp"), stamp.toString());
  }

  /**
   * A name that is not UTF-8 and differs between the builds (three random bytes from \\300-\\377),
   * one that is the same in both with other content, and an opaque directory (removed and made
   * again over a lower layer's): on the engine's store and through docker save, the same answer.
   * The sleep puts the two builds' directories a second apart (fast builds can share one second).
   */
  private static final String ODD_NAMES =
      "FROM scratch\n"
          + "COPY busybox /bin/busybox\n"
          + "COPY hello.txt /keep/hello.txt\n"
          + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"B=/bin/busybox; $B sleep 1 && $B mkdir -p /opt"
          + " && $B rm -rf /keep && $B mkdir /keep && $B touch /keep/new"
          + " && $B touch /opt/name-$($B printf '\\\\3'$((RANDOM%8))$((RANDOM%8))'\\\\3'$((RANDOM%8))$((RANDOM%8))'\\\\3'$((RANDOM%8))$((RANDOM%8)))"
          + " && $B date +%s%N > /opt/caf$($B printf '\\\\351')\"]\n";

  @Test
  void twice_comparesNamesAsBytes_andKeepsOpaqueDirectoryMtimes_onTheStoreAndThroughSave()
      throws Exception {
    Path ctx = context(ODD_NAMES, true);
    for (List<String> extra : List.of(List.<String>of(), List.of("--via-save"))) {
      Path json = dir.resolve("odd" + extra.size() + ".json");
      List<String> args =
          new ArrayList<>(List.of("twice", ctx.toString(), "--json", json.toString()));
      args.addAll(extra);
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      assertEquals(1, r.exitCode(), extra + ": " + r.out() + r.err());
      JsonNode result = JSON.readTree(json.toFile());
      assertEquals("content", result.path("verdict").asText(), extra.toString());
      Map<String, String> kinds = new TreeMap<>();
      result
          .path("differences")
          .forEach(d -> kinds.put(d.path("path").asText(), d.path("kinds").toString()));
      List<String> names = kinds.keySet().stream().filter(p -> p.startsWith("/opt/name-")).toList();
      assertEquals(2, names.size(), extra + " one name only in each build: " + kinds);
      assertTrue(
          names.stream().allMatch(n -> n.matches("/opt/name-(\\\\x[c-f][0-9a-f]){3}")),
          names.toString());
      assertTrue(
          kinds.values().containsAll(List.of("[\"added\"]", "[\"removed\"]")), kinds.toString());
      assertTrue(kinds.getOrDefault("/opt/caf\\xe9", "").contains("content"), extra + ": " + kinds);
      assertTrue(
          kinds.getOrDefault("/keep", "").contains("mtime"),
          extra + " the opaque dir's mtime: " + kinds);
      assertTrue(
          r.out().contains("/opt/caf\\xe9"), "the console shows the name escaped: " + r.out());
    }
  }

  @Test
  void twice_exitsTwo_quotingTheBuilder_whenTheBuildFails() throws Exception {
    Cli.Result r =
        Cli.run("twice", context("FROM scratch\nCOPY missing.txt /x\n", false).toString());

    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("build failed"), r.err());
    assertTrue(r.err().contains("missing.txt") && r.err().contains("not found"), r.err());
  }

  @Test
  void twice_exitsTwo_namingTheMissingDockerfile() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Cli.Result r = Cli.run("twice", empty.toString());

    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("Dockerfile '" + empty.resolve("Dockerfile") + "' does not exist"),
        r.err());
  }

  @AfterAll
  static void nothingLeftBehind() throws Exception {
    try (var docker = DockerClients.fromEnvironment()) {
      var left =
          docker.listImagesCmd().exec().stream()
              .filter(i -> i.getRepoTags() != null)
              .flatMap(i -> Arrays.stream(i.getRepoTags()))
              .filter(t -> t.startsWith(Twice.TAG_REPOSITORY + "/"))
              // this JVM's runs only (run ids end in the pid): other sessions may share the engine
              .filter(t -> t.contains("-" + ProcessHandle.current().pid() + ":"))
              .toList();
      assertEquals(List.of(), left, "images twice left behind");
    }
  }
}
