package io.splitcheck.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves in the temp directory, and what {@code gc} does with it: a {@code twice} killed
 * with SIGKILL while it saves both images leaves its tars and work folder, each in a folder naming
 * its owner, and {@code gc} removes every one; a live run's folders are untouched; {@code twice
 * --keep}'s images survive {@code gc}; Ctrl-C during a step that reads a build secret leaves no
 * file and no image, and prints no secret. Each child gets a temp directory of its own ({@code
 * -Djava.io.tmpdir}), which {@code gc --tmp} is pointed at, so other runs on this machine are never
 * looked at.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeftoversIT {
  private static final String SECRET = "leftovers horse battery 7d1e0c";
  private BusyboxImage base;
  private DockerClient docker;
  private EngineObjects objects;

  @TempDir Path tmp;

  @BeforeAll
  void buildBase() throws Exception {
    docker = DockerClients.fromEnvironment();
    objects = new EngineObjects(docker);
    base = BusyboxImage.build("leftovers-base");
  }

  @AfterAll
  void removeBase() throws Exception {
    base.close();
    docker.close();
  }

  @Test
  void gc_removesEveryTempFileOfATwiceKilledWhileSavingItsImages() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("tmp-killed"));
    Path context = context("head -c 64000000 /dev/zero > /blob");
    try (ChildCli child = child(own, "twice", "--via-save", context.toString())) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(5))
          .until(
              () -> {
                assertTrue(
                    child.process().isAlive(),
                    () -> "twice ended before saving: " + child.out() + child.err());
                return files(own).stream()
                    .anyMatch(f -> f.toString().endsWith(".tar") && size(f) > 0);
              });
      child.process().destroyForcibly();
      assertEquals(137, child.waitFor(30));
      String runId = runIdIn(child.out());
      List<Path> left = files(own);
      assertTrue(
          left.stream().anyMatch(f -> f.toString().endsWith(".tar")),
          "SIGKILL left the tars: " + left);

      Cli.Result gc = Cli.run("gc", "--tmp", own.toString());

      assertEquals(0, gc.exitCode(), gc.err());
      assertEquals(List.of(), entries(own), "gc said: " + gc.out());
      assertTrue(gc.out().contains("removed folder " + own), gc.out());
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertEquals(List.of(), objects.ofRun(runId)));
      System.out.println(
          "FIGURE twice kill-9 while saving: "
              + left.size()
              + " file(s) left in the temp "
              + "directory, 0 after gc");
    }
  }

  @Test
  void gc_leavesALiveTwicesFoldersAlone_andSigtermRemovesThem() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("tmp-live"));
    Path context = context("sleep 60");
    try (ChildCli child = child(own, "twice", context.toString())) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                assertTrue(
                    child.process().isAlive(),
                    () -> "twice ended early: " + child.out() + child.err());
                return runIdIn(child.out()) != null
                    && files(own).stream().anyMatch(f -> f.toString().endsWith(".log"));
              });
      List<Path> folders = entries(own);
      List<Path> before = files(own);

      Cli.Result gc = Cli.run("gc", "--tmp", own.toString());

      assertEquals(0, gc.exitCode(), gc.err());
      assertEquals(folders, entries(own), "gc said: " + gc.out());
      assertTrue(before.stream().allMatch(Files::exists), "gc said: " + gc.out());
      assertFalse(gc.out().contains(own.toString()), gc.out());
      assertTrue(child.process().isAlive(), "the live twice runs on");
      child.process().destroy();
      assertTrue(child.waitFor(40) != -1, "the shutdown hook is bounded");
      assertEquals(List.of(), entries(own), "SIGTERM removes the run's own folders");
    }
  }

  @Test
  void gc_neverRemovesTheImagesTwiceKeepKept() throws Exception {
    Path context = context("echo kept > /kept");
    Cli.Result twice = Cli.run("twice", "--keep", context.toString());
    String runId = runIdIn(twice.out());
    assertTrue(runId != null && twice.exitCode() <= 1, twice.out() + twice.err());
    List<String> kept =
        List.of(
            "image splitcheck-twice/" + runId + ":first",
            "image splitcheck-twice/" + runId + ":second");
    try {
      assertEquals(kept, objects.twiceTags(runId).stream().sorted().toList());

      Cli.Result gc = Cli.run("gc");
      Cli.Result aged = Cli.run("gc", "--dry-run", "--older-than", "1s");

      assertEquals(0, gc.exitCode(), gc.err());
      assertEquals(
          kept, objects.twiceTags(runId).stream().sorted().toList(), "gc said: " + gc.out());
      assertFalse(aged.out().contains(runId), "not even --older-than: " + aged.out());
    } finally {
      for (String tag : List.of("first", "second")) {
        docker.removeImageCmd("splitcheck-twice/" + runId + ":" + tag).withForce(true).exec();
      }
      docker.removeVolumeCmd("splitcheck-owner-" + runId).exec();
    }
  }

  @Test
  void ctrlC_duringAStepReadingABuildSecret_leavesNoSecretNoFileNoImage() throws Exception {
    Path own = Files.createDirectories(tmp.resolve("tmp-sigint"));
    Path pw = tmp.resolve("pw.txt");
    Files.writeString(pw, SECRET + "\n");
    Path context = context("--mount=type=secret,id=pw cat /run/secrets/pw && sleep 60");
    try (ChildCli child = child(own, "twice", "--secret", "id=pw,src=" + pw, context.toString())) {
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
                return files(own).stream()
                    .anyMatch(f -> read(f).contains(SECRET)); // the step has printed it
              });
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
      assertEquals(0, kill.waitFor());
      int exit = child.waitFor(40);

      assertTrue(exit != -1, "Ctrl-C ends twice within the shutdown bound");
      String console = child.out() + child.err();
      assertFalse(console.contains(SECRET) || console.contains("horse battery"), console);
      assertEquals(List.of(), entries(own), "the build log that quoted the secret is gone");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertEquals(List.of(), objects.ofRun(runId.get()), console));
      System.out.println(
          "FIGURE twice Ctrl-C in a secret step: exit " + exit + ", 0 files, 0 images left");
    }
  }

  private ChildCli child(Path tmpdir, String... args) throws IOException {
    // the checks directory (remembered probes, kept on purpose between runs) is not in the
    // temporary folder this test expects to find empty
    return ChildCli.start(
        "128m",
        Map.of(
            "JAVA_TOOL_OPTIONS",
            "-Djava.io.tmpdir=" + tmpdir,
            "SPLITCHECK_CHECK_CACHE",
            tmp.resolve("checks").toString()),
        List.of(args));
  }

  private Path context(String run) throws IOException {
    Path context = Files.createDirectories(tmp.resolve("ctx-" + System.nanoTime()));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + base.tag() + "\nRUN " + run + "\n",
        StandardCharsets.UTF_8);
    return context;
  }

  private static String runIdIn(String out) {
    var m = Pattern.compile("run (\\d{8}-\\d{6}-\\d+)\\)").matcher(out);
    return m.find() ? m.group(1) : null;
  }

  /** Every regular file under {@code dir}, sorted. */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      return files(dir); // a file went while walking: look again
    }
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
