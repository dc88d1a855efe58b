package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.splitcheck.cli.Main;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.tracer.EbpfTracer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same culprits from both tracers on the matrix ITs' probe cases (MatrixIT's cells, the static
 * probe): each case runs under {@code --tracer ptrace} and {@code --tracer ebpf} and the splits are
 * compared by config, exit, syscall, errno, cause, role, path and excerpt. Process ids are left out
 * (strace's are the container's pid namespace's, eBPF's the host's). RealProgramsMatrixIT does the
 * same on Debian programs.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BothTracersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ProbeImages.Probe probe;
  private Path noChown;

  @TempDir static Path tmp;

  @BeforeAll
  void build() throws Exception {
    Optional<String> why = EbpfTracer.unavailable();
    if (why.isPresent() && "1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new AssertionError("the eBPF tracer cannot run: " + why.get());
    }
    Assumptions.assumeTrue(why.isEmpty(), () -> "eBPF tracer: " + why.get());
    probe = ProbeImages.build("both-tracers", "both-tracers-it-" + ProcessHandle.current().pid());
    noChown = tmp.resolve("no-chown.json");
    Files.writeString(
        noChown,
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
            + "{\"names\":[\"chown\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}",
        StandardCharsets.UTF_8);
  }

  @AfterAll
  void remove() throws Exception {
    if (probe != null) {
      probe.close();
    }
  }

  /** The splits of a run without what differs between tracers by design (pids, times). */
  private List<String> splitsUnder(String tracer, String... args) throws Exception {
    Path json = tmp.resolve("report-" + System.nanoTime() + ".json");
    List<String> argv =
        new ArrayList<>(
            List.of("matrix", "--json", json.toString(), "--tracer", tracer, probe.tag()));
    argv.addAll(List.of(args));
    int exit = Main.commandLine().execute(argv.toArray(String[]::new));
    JsonNode report = JSON.readTree(json.toFile());
    List<String> out = new ArrayList<>(List.of("exit " + exit));
    for (JsonNode s : report.get("splits")) {
      out.add("split " + s.get("config").asText() + ": " + s.path("excerpt").asText());
      s.get("culprits")
          .forEach(
              c ->
                  out.add(
                      "  "
                          + c.get("syscall").asText()
                          + " "
                          + c.get("errno").asText()
                          + " "
                          + c.get("cause").asText()
                          + " "
                          + c.get("role").asText()
                          + " "
                          + c.path("path").asText("-")));
    }
    return out;
  }

  private void sameUnderBoth(String... args) throws Exception {
    List<String> ptrace = splitsUnder("ptrace", args);
    List<String> ebpf = splitsUnder("ebpf", args);
    assertEquals(ptrace, ebpf, String.join(" ", args));
  }

  @Test
  void ebpf_namesTheRuntimesDeniedCall_whenAProfileDeniesChdirAndTheContainerCannotStart()
      throws Exception {
    Path json = tmp.resolve("runtime-denials.json");
    int exit =
        Main.commandLine()
            .execute(
                "matrix",
                "--json",
                json.toString(),
                "--tracer",
                "ebpf",
                "--config",
                "unconfined",
                "--derive",
                "no-chdir=chdir=EPERM",
                probe.tag());
    JsonNode split = JSON.readTree(json.toFile()).get("splits").get(0);
    assertEquals(1, exit);
    assertEquals("no-chdir", split.get("config").asText());
    String note = split.get("note").asText();
    assertTrue(
        note.contains("the profile denies the runtime (runc:[2:INIT]")
            && note.contains(": chdir (EPERM);"),
        note);
  }

  @Test
  void bothTracers_nameTheSameCulprit_forGetrandomDeniedWithEperm() throws Exception {
    sameUnderBoth("--config", "unconfined", "--derive", "prod=getrandom=EPERM", "--", "getrandom");
  }

  @Test
  void bothTracers_findNoSplit_whenGetrandomFailsWithEnosysAndTheProbeFallsBack() throws Exception {
    sameUnderBoth(
        "--config", "unconfined", "--derive", "prod=getrandom=ENOSYS", "--", "getrandom-fallback");
  }

  @Test
  void bothTracers_nameTheSameCulprits_forChownUnderCapDropAllAndADenyingProfile()
      throws Exception {
    sameUnderBoth(
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
  void bothTracers_nameTheSameCulprits_forAWriteToTheRootUnderReadOnlyAndRestricted()
      throws Exception {
    sameUnderBoth(
        "--config", "unconfined", "--config", "read-only", "--config", "restricted", "--", "write");
  }

  @Test
  void bothTracers_nameTheSameCulprit_forUdpConnectUnderNoNetwork() throws Exception {
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      sameUnderBoth(
          "--config",
          "unconfined",
          "--config",
          "no-network",
          "--",
          "udp",
          BridgeGateway.address(docker));
    }
  }
}
