package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.RunId;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.Prerequisite;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --dockerfile} of an image FROM splitcheck/debian:bookworm that adds one unused
 * library of its own: that one is a WARNING on its COPY step and line; the base's unused libraries
 * (the engine's base image, its layers the first of the image's) are INFO, name the base and no
 * step, and the console says them in one line.
 */
@RequiresEngine
class AuditBaseImageIT {
  private static final String DOCKER = "/usr/bin/docker";
  private static final String DEBIAN = "splitcheck/debian:bookworm";
  private final String tag = "splitcheck-test/audit-base:" + RunId.next(Clock.systemUTC());

  @TempDir Path work;

  @AfterEach
  void remove() throws Exception {
    run(DOCKER, "rmi", "-f", tag);
  }

  @Test
  void unusedLibraries_ofTheBaseAreNotBlamedOnTheUsersSteps_theUsersOneIs() throws Exception {
    Prerequisite.require(
        run(DOCKER, "image", "inspect", DEBIAN).startsWith("["), DEBIAN + " (scripts/base-image)");
    Path ctx = Files.createDirectories(work.resolve("ctx"));
    Files.writeString(work.resolve("u.c"), "int unused(void){return 2;}\n");
    run(
        "gcc",
        "-shared",
        "-fPIC",
        "-Wl,-soname,libunused.so.1",
        "-o",
        ctx.resolve("libunused.so.1").toString(),
        work.resolve("u.c").toString());
    Files.writeString(
        ctx.resolve("Dockerfile"),
        "FROM " + DEBIAN + "\nCOPY libunused.so.1 /usr/local/lib/\nRUN echo hi > /hello\n");
    run(DOCKER, "build", "-q", "-t", tag, ctx.toString());
    Path json = work.resolve("audit.json");

    Cli.Result r =
        Cli.run(
            "audit",
            tag,
            "--dockerfile",
            ctx.resolve("Dockerfile").toString(),
            "--json",
            json.toString(),
            "--disable",
            "dockerfile,size",
            "--fail-on",
            "warning");

    assertEquals(
        1, r.exitCode(), "the user's library fails --fail-on warning: " + r.out() + r.err());
    List<JsonNode> mine = new ArrayList<>();
    List<JsonNode> base = new ArrayList<>();
    new ObjectMapper()
        .readTree(json.toFile())
        .path("findings")
        .forEach(
            f -> {
              if (f.path("rule").asText().equals("linkage.unused-library")) {
                (f.path("evidence").has("base") ? base : mine).add(f);
              }
            });
    assertEquals(1, mine.size(), r.out());
    JsonNode m = mine.get(0).path("evidence");
    assertEquals("/usr/local/lib/libunused.so.1", m.path("path").asText());
    assertEquals("warning", mine.get(0).path("severity").asText());
    assertEquals("COPY libunused.so.1 /usr/local/lib/ # buildkit", m.path("step").asText());
    assertEquals(2, m.path("line").asInt());
    assertTrue(!base.isEmpty(), "the Debian base has unused libraries of its own: " + r.out());
    for (JsonNode f : base) {
      JsonNode e = f.path("evidence");
      assertEquals(DEBIAN, e.path("base").asText(), f.toString());
      assertEquals("info", f.path("severity").asText(), f.toString());
      assertEquals(0, e.path("layer").asInt(), f.toString());
      assertTrue(!e.has("step") && !e.has("line"), "no step of the user's: " + f);
    }
    assertTrue(
        r.out()
            .contains(
                "linkage.unused-library           "
                    + base.size()
                    + " from the base image "
                    + DEBIAN
                    + ", none from this Dockerfile's steps"),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "WARNING linkage.unused-library           /usr/local/lib/libunused.so.1 [layer 1, Dockerfile line 2]"),
        r.out());
  }

  private static String run(String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", cmd));
    return out;
  }
}
