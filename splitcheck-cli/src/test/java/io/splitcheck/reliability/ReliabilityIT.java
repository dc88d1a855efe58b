package io.splitcheck.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing left behind, nothing hangs: the CLI in a child JVM is killed (SIGKILL, then {@code gc})
 * or stopped (SIGTERM, no {@code gc}) in the middle of a matrix and of {@code twice}; a hanging
 * build meets {@code --build-timeout}; a container printing hundreds of megabytes meets the output
 * cap in a 96 MB heap. Lines starting {@code FIGURE} are the numbers docs/reliability.md quotes.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliabilityIT {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private BusyboxImage sleeper;
  private DockerClient docker;
  private EngineObjects objects;

  @TempDir Path tmp;

  @BeforeAll
  void buildSleeper() throws Exception {
    docker = DockerClients.fromEnvironment();
    objects = new EngineObjects(docker);
    sleeper =
        BusyboxImage.build(
            "reliability-sleeper", "ENTRYPOINT [\"/bin/sh\", \"-c\"]", "CMD [\"sleep 600\"]");
  }

  @AfterAll
  void removeSleeper() throws Exception {
    sleeper.close();
    docker.close();
  }

  private ChildCli sleepingMatrix() throws Exception {
    return ChildCli.start(
        "128m",
        List.of(
            "matrix",
            sleeper.tag(),
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--config",
            "no-network",
            "--trace",
            "never",
            "--timeout",
            "120s"));
  }

  /** Waits until the child has cells running and returns its run id. */
  private String runningRun(ChildCli child) {
    AtomicReference<String> runId = new AtomicReference<>();
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertTrue(child.process().isAlive(), () -> "the CLI ended early: " + child.err());
              objects.runIdOf(child.pid()).ifPresent(runId::set);
              return runId.get() != null && objects.runningOf(child.pid()) >= 2;
            });
    return runId.get();
  }

  @Test
  void matrix_leavesNothingAfterGc_whenKilledWithSigkill() throws Exception {
    try (ChildCli child = sleepingMatrix()) {
      String runId = runningRun(child);
      child.process().destroyForcibly();
      assertEquals(137, child.waitFor(30));
      List<String> orphaned = objects.ofRun(runId);
      assertFalse(orphaned.isEmpty(), "SIGKILL leaves the running cells behind (what gc is for)");

      Cli.Result gc = Cli.run("gc");

      assertEquals(0, gc.exitCode(), gc.err());
      assertTrue(gc.out().contains("(run " + runId + ")"), gc.out());
      List<String> left = objects.ofRun(runId);
      assertEquals(List.of(), left);
      System.out.println(
          "FIGURE kill-9: "
              + orphaned.size()
              + " object(s) orphaned, "
              + left.size()
              + " left after gc");
    }
  }

  @Test
  void matrix_removesItsObjectsWithoutGc_whenStoppedWithSigterm() throws Exception {
    try (ChildCli child = sleepingMatrix()) {
      String runId = runningRun(child);
      long stopped = System.nanoTime();
      child.process().destroy();
      int exit = child.waitFor(40);
      assertTrue(exit != -1, "the shutdown hook is bounded");
      String err = child.err();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertEquals(
                      List.of(), objects.ofRun(runId), "exit " + exit + ", stderr: " + err));
      System.out.println(
          "FIGURE sigterm: exit "
              + exit
              + ", objects removed without gc in "
              + Duration.ofNanos(System.nanoTime() - stopped).toMillis()
              + " ms");
    }
  }

  private Path context(String... run) throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx-" + System.nanoTime()));
    StringBuilder d = new StringBuilder("FROM " + sleeper.tag() + "\n");
    for (String r : run) {
      d.append("RUN ").append(r).append('\n');
    }
    Files.writeString(context.resolve("Dockerfile"), d, StandardCharsets.UTF_8);
    return context;
  }

  /** Waits until {@code twice} has tagged its first image; returns its run id. */
  private String awaitFirstImage(ChildCli child) {
    AtomicReference<String> runId = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertTrue(
                  child.process().isAlive(),
                  () -> "twice ended early: " + child.out() + child.err());
              runId.compareAndSet(null, runIdIn(child.out()));
              return runId.get() != null && !objects.twiceTags(runId.get()).isEmpty();
            });
    return runId.get();
  }

  private static String runIdIn(String out) {
    var m = Pattern.compile("run (\\d{8}-\\d{6}-\\d+)\\)").matcher(out);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void twice_removesFirstImage_whenStoppedWithSigtermDuringSecondBuild() throws Exception {
    Path context = context("sleep 3");
    try (ChildCli child = ChildCli.start("128m", List.of("twice", context.toString()))) {
      String runId = awaitFirstImage(child);
      List<String> midway = objects.twiceTags(runId);
      child.process().destroy();
      assertTrue(child.waitFor(40) != -1, "the shutdown hook is bounded");
      // a build killed while exporting could still tag its image: nothing may appear for 3 s
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(4))
          .untilAsserted(
              () ->
                  assertEquals(
                      List.of(), objects.twiceTags(runId), "left after SIGTERM, was " + midway));
      // the cleanup says only what is true: it removed everything, over a connection still open
      assertFalse(child.err().contains("Connection pool shut down"), child.err());
      assertFalse(child.err().contains("cleanup of run"), "no cleanup failure: " + child.err());
    }
  }

  @Test
  void twice_leavesNothingAfterGc_whenKilledWithSigkillDuringSecondBuild() throws Exception {
    Path context = context("sleep 3");
    try (ChildCli child = ChildCli.start("128m", List.of("twice", context.toString()))) {
      String runId = awaitFirstImage(child);
      child.process().destroyForcibly();
      assertEquals(137, child.waitFor(30));
      // for 5 s, long enough for the second build to finish had its client outlived splitcheck
      List<String> first = List.of("image splitcheck-twice/" + runId + ":first");
      // atMost well past during: on a loaded machine one listing of every image takes seconds
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertEquals(
                      first, objects.twiceTags(runId), "the second build died with its parent"));
      List<String> orphaned = objects.twiceTags(runId);
      assertFalse(orphaned.isEmpty(), "SIGKILL leaves the first image behind (what gc is for)");

      Cli.Result gc = Cli.run("gc");

      assertEquals(0, gc.exitCode(), gc.err());
      assertEquals(List.of(), objects.twiceTags(runId), "gc said: " + gc.out() + gc.err());
      System.out.println(
          "FIGURE twice kill-9: " + orphaned.size() + " image(s) orphaned, 0 left after gc");
    }
  }

  @Test
  void gc_removesTheWorkFolderOfAKilledTwice_whoseBuildLogQuotesASecret() throws Exception {
    Path context = context("--mount=type=secret,id=pw cat /run/secrets/pw", "sleep 3");
    Path pw = tmp.resolve("pw.txt");
    Files.writeString(pw, "correct horse battery staple 5c4b3a\n");
    try (ChildCli child =
        ChildCli.start(
            "128m", List.of("twice", "--secret", "id=pw,src=" + pw, context.toString()))) {
      String runId = awaitFirstImage(child);
      child.process().destroyForcibly();
      assertEquals(137, child.waitFor(30));
      List<Path> left;
      try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        left =
            dirs.filter(d -> d.getFileName().toString().startsWith("splitcheck-twice-"))
                .filter(d -> Files.isRegularFile(d.resolve(".splitcheck-owner")))
                .filter(d -> read(d.resolve(".splitcheck-owner")).startsWith(runId + "\n"))
                .toList();
      }
      assertEquals(1, left.size(), "SIGKILL leaves the work folder behind: " + left);

      Cli.Result gc = Cli.run("gc");

      assertEquals(0, gc.exitCode(), gc.err());
      assertTrue(
          gc.out().contains("removed folder " + left.get(0) + " (run " + runId + ")"), gc.out());
      assertFalse(Files.exists(left.get(0)));
      assertEquals(List.of(), objects.ofRun(runId), gc.out());
      System.out.println("FIGURE twice kill-9 work folder: " + left.get(0) + " removed by gc");
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void twice_exits2_whenBuildHangsPastBuildTimeout() throws Exception {
    Path context = context("sleep 60");
    long start = System.nanoTime();

    Cli.Result r = Cli.run("twice", "--build-timeout", "5s", context.toString());

    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("timed out after 5s"), r.err());
    assertTrue(seconds < 40, "took " + seconds + " s");
    String runId = runIdIn(r.out());
    assertEquals(List.of(), objects.twiceTags(runId));
    System.out.println("FIGURE build-timeout: exit 2 after " + seconds + " s: " + r.err().strip());
  }

  @Test
  void matrix_capsOutputAndCompletes_whenCellPrintsHundredsOfMegabytes() throws Exception {
    Path json = tmp.resolve("flood.json");
    long bytes = 200_000_000L;
    try (ChildCli child =
        ChildCli.start(
            "96m",
            List.of(
                "matrix",
                sleeper.tag(),
                "--config",
                "unconfined",
                "--trace",
                "never",
                "--timeout",
                "120s",
                "--json",
                json.toString(),
                "--",
                "head -c " + bytes + " /dev/zero | tr '\\0' x"))) {
      int exit = child.waitFor(180);
      assertEquals(0, exit, child.err());
      JsonNode cell = new ObjectMapper().readTree(json.toFile()).get("cells").get(0);
      assertTrue(cell.get("stdoutTruncated").asBoolean());
      assertEquals(bytes, cell.get("stdoutBytes").asLong());
      assertTrue(
          cell.get("stdout").asText().length() <= 64 * 1024,
          "kept " + cell.get("stdout").asText().length());
      System.out.println(
          "FIGURE flood: "
              + bytes
              + " bytes printed, "
              + cell.get("stdout").asText().length()
              + " kept, heap -Xmx96m, "
              + cell.get("wallMillis").asLong()
              + " ms");
    }
  }
}
