package io.splitcheck.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.Labels;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc on the host beside runs in other pid and uts namespaces (a CI runner container): the run's pid
 * inside its namespace is chosen to be one that no host process has, and its host name differs, so
 * that neither the pid nor the host name can tell it apart. gc removes nothing of a live run there,
 * and all of it once the namespace has died with the run.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcAcrossNamespacesIT {
  private BusyboxImage sleeper;
  private DockerClient docker;
  private EngineObjects objects;

  @TempDir Path tmp;

  @BeforeAll
  void build() throws Exception {
    docker = DockerClients.fromEnvironment();
    objects = new EngineObjects(docker);
    sleeper =
        BusyboxImage.build(
            "gc-namespaces", "ENTRYPOINT [\"/bin/sh\", \"-c\"]", "CMD [\"sleep 600\"]");
  }

  @AfterAll
  void remove() throws Exception {
    sleeper.close();
    docker.close();
  }

  /**
   * A pid no process on this host has: the one the namespaced run will have inside its namespace.
   */
  private static long freeHostPid() throws Exception {
    long max;
    try (var in = Files.newBufferedReader(Path.of("/proc/sys/kernel/pid_max"))) {
      max = Long.parseLong(in.readLine().strip());
    }
    for (long p = Math.min(max - 1, 30000); p > 2000; p--) {
      if (ProcessHandle.of(p).isEmpty() && ProcessHandle.of(p - 1).isEmpty()) {
        return p;
      }
    }
    throw new IllegalStateException("no free pid below " + max);
  }

  @Test
  void gcOnHost_leavesTwiceImages_whileTwiceRunsInAnotherPidNamespace() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + sleeper.tag() + "\nRUN sleep 6\n",
        StandardCharsets.UTF_8);
    long nsPid = freeHostPid();
    try (ChildCli child =
        ChildCli.startInNamespaces(
            "128m", "splitcheck-ns", nsPid, List.of("twice", context.toString()))) {
      AtomicReference<String> runId = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                assertTrue(
                    child.process().isAlive(),
                    () -> "twice ended early: " + child.out() + child.err());
                var m = Pattern.compile("run (\\d{8}-\\d{6}-\\d+)\\)").matcher(child.out());
                if (m.find()) {
                  runId.set(m.group(1));
                }
                return runId.get() != null && !objects.twiceTags(runId.get()).isEmpty();
              });
      assertTrue(
          runId.get().endsWith("-" + nsPid), "the run's pid inside its namespace: " + runId.get());
      assertTrue(ProcessHandle.of(nsPid).isEmpty(), "no host process has that pid");

      Cli.Result gc = Cli.run("gc");

      assertEquals(0, gc.exitCode(), gc.err());
      assertFalse(gc.out().contains(runId.get()), "gc removed a live run's objects: " + gc.out());
      assertEquals(
          List.of("image splitcheck-twice/" + runId.get() + ":first"),
          objects.twiceTags(runId.get()));
      int exit = child.waitFor(120);
      assertTrue(
          exit == 0 || exit == 1,
          "twice failed after gc: exit " + exit + "\n" + child.out() + child.err());
      assertEquals(
          List.of(), objects.ofRun(runId.get()), "twice removed its own images and record");
      System.out.println(
          "FIGURE gc-namespaces twice: gc on the host beside twice at pid "
              + nsPid
              + " of another pid+uts namespace removed 0 of its objects; twice exited "
              + exit);
    }
  }

  @Test
  void gcOnHost_keepsALiveMatrixInAnotherNamespace_andRemovesItAllOnceTheNamespaceDied()
      throws Exception {
    long nsPid = freeHostPid();
    try (ChildCli child =
        ChildCli.startInNamespaces(
            "128m",
            "splitcheck-ns",
            nsPid,
            List.of(
                "matrix",
                sleeper.tag(),
                "--config",
                "unconfined",
                "--config",
                "no-network",
                "--trace",
                "never",
                "--timeout",
                "120s"))) {
      AtomicReference<String> runId = new AtomicReference<>();
      Map<String, String> byPid = Map.of(Labels.PID, Long.toString(nsPid));
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                assertTrue(
                    child.process().isAlive(),
                    () -> "matrix ended early: " + child.out() + child.err());
                objects.containersOf(byPid).stream()
                    .map(c -> c.getLabels().get(Labels.RUN))
                    .findFirst()
                    .ifPresent(runId::set);
                return objects.containersOf(byPid).stream()
                        .filter(c -> "running".equals(c.getState()))
                        .count()
                    >= 2;
              });
      List<String> live = objects.ofRun(runId.get());

      Cli.Result during = Cli.run("gc");
      assertEquals(0, during.exitCode(), during.err());
      assertFalse(
          during.out().contains(runId.get()), "gc removed a live run's objects: " + during.out());
      assertEquals(live, objects.ofRun(runId.get()));

      child
          .process()
          .destroyForcibly(); // unshare dies; --kill-child takes pid 1 and the namespace with it
      child.waitFor(30);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ProcessHandle.allProcesses()
                      .noneMatch(
                          p ->
                              p.info().commandLine().orElse("").contains("ns_last_pid")
                                  || p.info()
                                      .arguments()
                                      .map(a -> List.of(a).contains(sleeper.tag()))
                                      .orElse(false)));
      Cli.Result after = Cli.run("gc");

      assertEquals(0, after.exitCode(), after.err());
      assertTrue(
          after.out().contains("(run " + runId.get() + "): pid " + nsPid + " in pid namespace "),
          after.out());
      assertEquals(List.of(), objects.ofRun(runId.get()));
      System.out.println(
          "FIGURE gc-namespaces matrix: "
              + live.size()
              + " object(s) of a live run in "
              + "another pid namespace kept by gc; after SIGKILL of the namespace, 0 left");
    }
  }
}
