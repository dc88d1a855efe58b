package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.Labels;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine going away in the middle of a matrix. The engine stopped is a second dockerd this test
 * starts (never the shared one): the cells that finished are reported, those in flight or not yet
 * started fail with "engine went away", the run exits 2 and the report is still written.
 */
@RequiresEngine
class EngineGoneIT {
  private static final List<String> CELLS =
      List.of("unconfined", "runtime-default", "cap-drop-all", "read-only", "no-network");

  @TempDir Path tmp;

  @Test
  void matrix_exits2AndWritesReportOfFinishedCells_whenEngineGoesAway() throws Exception {
    try (BusyboxImage image =
            BusyboxImage.build(
                "engine-gone", "ENTRYPOINT [\"/bin/sh\", \"-c\"]", "CMD [\"sleep 1\"]");
        PrivateEngine engine = PrivateEngine.start()) {
      engine.load(image.tag());
      Path json = tmp.resolve("report.json");
      Path reportDir = tmp.resolve("report");
      List<String> args =
          new ArrayList<>(
              List.of(
                  "matrix",
                  image.tag(),
                  "--docker-host",
                  engine.host(),
                  "--jobs",
                  "1",
                  "--trace",
                  "never",
                  "--timeout",
                  "60s",
                  "--json",
                  json.toString(),
                  "--report",
                  reportDir.toString()));
      CELLS.forEach(c -> args.addAll(List.of("--config", c)));
      CompletableFuture<Cli.Result> run =
          CompletableFuture.supplyAsync(() -> Cli.run(args.toArray(String[]::new)));

      awaitThirdCell(engine, run);
      engine.kill();
      Cli.Result r = run.get(120, TimeUnit.SECONDS);

      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("the engine went away during the run"), r.err());
      assertTrue(r.err().contains("was written to " + reportDir), r.err());
      JsonNode cells = new ObjectMapper().readTree(json.toFile()).get("cells");
      int finished = 0;
      int lost = 0;
      for (JsonNode c : cells) {
        if (c.has("startError")) {
          assertTrue(c.get("startError").asText().startsWith("engine went away"), c.toString());
          lost++;
        } else {
          assertEquals(0, c.get("exitCode").asInt(), c.toString());
          finished++;
        }
      }
      assertEquals(CELLS.size(), finished + lost);
      assertTrue(finished >= 2 && lost >= 1, "finished " + finished + ", lost " + lost);
      assertTrue(Files.exists(reportDir.resolve("index.html")));
      assertTrue(Files.readString(reportDir.resolve("report.json")).contains("engine went away"));
      System.out.println(
          "FIGURE engine-gone: "
              + CELLS.size()
              + " cells, "
              + finished
              + " finished, "
              + lost
              + " failed with 'engine went away', exit 2: "
              + r.err().strip());
    }
  }

  @Test
  void twice_saysTheEngineWentAwayAndWhatIsLeft_whenTheEngineDiesDuringTheSecondBuild()
      throws Exception {
    try (BusyboxImage image = BusyboxImage.build("engine-gone-twice");
        PrivateEngine engine = PrivateEngine.start()) {
      engine.load(image.tag());
      Path context = Files.createDirectories(tmp.resolve("twice-ctx"));
      // no RUN: the private engine has no bridge for one; a 200 MB COPY keeps the second build busy
      // (context upload and a vfs layer) for the seconds the kill needs
      try (RandomAccessFile big = new RandomAccessFile(context.resolve("big").toFile(), "rw")) {
        big.setLength(200L << 20);
      }
      Files.writeString(context.resolve("Dockerfile"), "FROM " + image.tag() + "\nCOPY big /big\n");
      try (ChildCli child =
          ChildCli.start(
              "128m", Map.of("DOCKER_HOST", engine.host()), List.of("twice", context.toString()))) {
        try (DockerClient client = DockerClients.forHost(engine.host())) {
          org.awaitility.Awaitility.await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> {
                    assertTrue(
                        child.process().isAlive(),
                        () -> "twice ended early: " + child.out() + child.err());
                    return client.listImagesCmd().exec().stream()
                        .anyMatch(
                            i ->
                                i.getRepoTags() != null
                                    && Arrays.stream(i.getRepoTags())
                                        .anyMatch(t -> t.endsWith(":first")));
                  });
        }
        engine.kill();
        int exit = child.waitFor(90);

        assertEquals(2, exit, child.out() + child.err());
        String err = child.err();
        assertTrue(err.contains("the engine went away during twice"), err);
        assertTrue(
            err.matches("(?s).*left on it: splitcheck-twice/\\d{8}-\\d{6}-\\d+:first.*"), err);
        assertTrue(
            !err.contains("Connection pool shut down") && !err.contains("removing record"), err);
        System.out.println("FIGURE engine-gone twice: exit 2: " + err.strip());
      }
    }
  }

  /** Waits until the matrix created its third cell container on the private engine. */
  private static void awaitThirdCell(PrivateEngine engine, CompletableFuture<Cli.Result> run)
      throws Exception {
    Set<String> seen = new HashSet<>();
    try (DockerClient client = DockerClients.forHost(engine.host())) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                assertTrue(!run.isDone(), () -> "the matrix ended early: " + run.join());
                client
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(Labels.ROLE, "cell"))
                    .exec()
                    .forEach(c -> seen.add(c.getId()));
                return seen.size() >= 3;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no third cell; seen " + seen + "\n" + engine.log(), e);
    }
  }
}
