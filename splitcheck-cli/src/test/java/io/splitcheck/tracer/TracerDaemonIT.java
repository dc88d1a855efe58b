package io.splitcheck.tracer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.cli.Main;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracer daemon ({@code splitcheck tracer start}) on the real engine: a matrix traced through
 * it reports exactly what the JVM's own bpftrace reports (times and pids aside), two CLI runs use
 * it at once, and a client killed mid-run leaves no cgroup directory once its containers are gone.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracerDaemonIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  private ProbeImages.Probe probe;
  private DaemonState state;
  private Path noChown;

  @BeforeAll
  void start() throws Exception {
    Optional<String> why = EbpfTracer.unavailable();
    if (why.isPresent() && "1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new AssertionError("the eBPF tracer cannot run: " + why.get());
    }
    Assumptions.assumeTrue(why.isEmpty(), () -> "eBPF tracer: " + why.orElse(""));
    probe = ProbeImages.build("tracer-daemon", "tracer-daemon-it-" + PID);
    noChown = tmp.resolve("no-chown.json");
    Files.writeString(
        noChown,
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
            + "{\"names\":[\"chown\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}",
        StandardCharsets.UTF_8);
    state = new DaemonState(tmp.resolve("state"));
    assertEquals(0, tracer("start", "--idle", "15m"));
  }

  @AfterAll
  void stop() throws Exception {
    if (state != null) {
      tracer("stop");
      assertFalse(Files.exists(state.dir().resolve("control.sock")), "socket removed");
      assertTrue(cellDirs().isEmpty(), "cgroup root removed: " + cellDirs());
    }
    if (probe != null) {
      probe.close();
    }
  }

  private int tracer(String... args) {
    List<String> argv = new ArrayList<>(List.of("tracer", "--state-dir", state.dir().toString()));
    argv.addAll(List.of(args));
    return Main.commandLine().execute(argv.toArray(String[]::new));
  }

  private DaemonProtocol.Hello hello() {
    return DaemonClient.connect(state).orElseThrow().hello();
  }

  private List<String> matrixArgs(Path json, String... args) {
    List<String> argv =
        new ArrayList<>(List.of("matrix", "--json", json.toString(), "--tracer", "ebpf"));
    argv.add(probe.tag());
    argv.addAll(List.of(args));
    return argv;
  }

  /** The report of an in-process matrix run, with the daemon or the JVM's own tracer. */
  private JsonNode matrix(String daemon, String... args) throws Exception {
    Path json = tmp.resolve("report-" + System.nanoTime() + ".json");
    String before = System.getProperty(DaemonState.PROPERTY);
    System.setProperty(DaemonState.PROPERTY, daemon);
    try {
      int exit = Main.commandLine().execute(matrixArgs(json, args).toArray(String[]::new));
      ObjectNode report = (ObjectNode) JSON.readTree(json.toFile());
      report.put("exit", exit);
      return report;
    } finally {
      if (before == null) {
        System.clearProperty(DaemonState.PROPERTY);
      } else {
        System.setProperty(DaemonState.PROPERTY, before);
      }
    }
  }

  private void sameBothWays(String... args) throws Exception {
    JsonNode own = matrix("off", args);
    long tracedBefore = hello().cellsTraced();
    JsonNode daemon = matrix(state.dir().toString(), args);
    assertEquals(
        own.get("cells").size(),
        hello().cellsTraced() - tracedBefore,
        "every cell traced by the daemon");
    assertTrue(own.get("splits").size() > 0, "a split to compare");
    assertEquals(Reports.withoutTimesAndPids(own), Reports.withoutTimesAndPids(daemon));
  }

  @Test
  void daemon_reportsTheSameAsTheJvmsOwnTracer_forAWriteUnderReadOnlyAndRestricted()
      throws Exception {
    sameBothWays(
        "--config", "unconfined", "--config", "read-only", "--config", "restricted", "--", "write");
  }

  @Test
  void daemon_reportsTheSameAsTheJvmsOwnTracer_forChownUnderCapDropAllAndADenyingProfile()
      throws Exception {
    sameBothWays(
        "--config",
        "unconfined",
        "--config",
        "cap-drop-all",
        "--profile",
        "no-chown=" + noChown,
        "--",
        "chown");
  }

  @Test
  void daemon_reportsTheSameAsTheJvmsOwnTracer_forGetrandomDeniedWithEperm() throws Exception {
    sameBothWays("--config", "unconfined", "--derive", "prod=getrandom=EPERM", "--", "getrandom");
  }

  @Test
  void twoCliRunsAtOnce_shareTheDaemon_andReportWhatOneRunAloneReports() throws Exception {
    String[] args = {"--config", "unconfined", "--config", "read-only", "--", "write"};
    JsonNode alone = Reports.withoutTimesAndPids(matrix("off", args));
    Map<String, String> env = Map.of(DaemonState.ENV, state.dir().toString());
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    long before = hello().cellsTraced();
    try (ChildCli ca = ChildCli.start("256m", env, matrixArgs(a, args));
        ChildCli cb = ChildCli.start("256m", env, matrixArgs(b, args))) {
      assertEquals(1, ca.waitFor(300), ca.err());
      assertEquals(1, cb.waitFor(300), cb.err());
    }
    assertEquals(4, hello().cellsTraced() - before, "both runs' cells traced by the daemon");
    for (Path p : List.of(a, b)) {
      ObjectNode r = (ObjectNode) JSON.readTree(p.toFile());
      r.put("exit", 1);
      assertEquals(alone, Reports.withoutTimesAndPids(r), p.toString());
    }
  }

  @Test
  void clientKilledMidRun_leavesNoCellDirectory_onceItsContainersAreGone() throws Exception {
    Map<String, String> env = Map.of(DaemonState.ENV, state.dir().toString());
    List<String> argv =
        matrixArgs(
            tmp.resolve("killed.json"),
            "--config",
            "unconfined",
            "--config",
            "read-only",
            "--",
            "hang-if-read-only");
    try (ChildCli child = ChildCli.start("256m", env, argv)) {
      try {
        // killed once the hanging cell's container runs in its cell directory
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .until(this::aCellHasProcesses);
        child.process().destroyForcibly();
        child.waitFor(30);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> hello().cellsOpen() == 0); // the daemon saw its connections end
        assertFalse(cellDirs().isEmpty(), "the hanging cell's directory is busy while it runs");
      } finally {
        child.process().destroyForcibly();
        child.waitFor(30);
        Reports.removeOwnedBy(child.pid());
      }
    }
    // a connection's end sweeps; the engine may take a moment after `docker rm` returns to let
    // go of a removed container's cgroup (seen once: the cell directories still busy)
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> tracer("status") == 0 && cellDirs().isEmpty());
    assertEquals(List.of(), cellDirs());
  }

  /** Whether a cgroup below a cell directory of the daemon (a container's) holds a process. */
  private boolean aCellHasProcesses() throws Exception {
    Path root = Path.of("/sys/fs/cgroup/unified").resolve(state.cgroupRoot());
    if (!Files.isDirectory(root)) {
      root = Path.of("/sys/fs/cgroup").resolve(state.cgroupRoot());
    }
    if (!Files.isDirectory(root)) {
      return false;
    }
    try (var files = Files.walk(root, 3)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
        if (f.getNameCount() - root.getNameCount() == 3 && !Files.readString(f).isBlank()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The cell directories below the daemon's cgroup root, in every hierarchy. */
  private List<String> cellDirs() throws Exception {
    List<String> out = new ArrayList<>();
    List<Path> all = new ArrayList<>(List.of(Path.of("/sys/fs/cgroup")));
    try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      all.addAll(hierarchies.toList());
    }
    {
      for (Path h : all) {
        Path root = h.resolve(state.cgroupRoot());
        if (Files.isDirectory(root)) {
          try (var cells = Files.list(root)) {
            cells.filter(Files::isDirectory).forEach(c -> out.add(c.toString()));
          }
        }
      }
    }
    return out;
  }
}
