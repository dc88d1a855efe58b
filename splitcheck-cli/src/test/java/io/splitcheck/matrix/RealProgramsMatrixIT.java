package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.cli.Main;
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
 * The matrix on real Debian programs (python3, xz, touch, ping, getent from bookworm, installed by
 * apt in the build): the first culprit of each split is its cause, fallbacks and consequences come
 * after it labelled, and each culprit names its process chain.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealProgramsMatrixIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCKERFILE =
      "FROM splitcheck/debian:bookworm\n"
          + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y"
          + " --no-install-recommends python3-minimal xz-utils iputils-ping"
          + " && rm -rf /var/lib/apt/lists/*\n";
  private static final String PYTHON =
      "import threading, os\n"
          + "t = threading.Thread(target=lambda: None); t.start(); t.join()\n"
          + "open('/tmp/owned', 'w').close()\n"
          + "os.chown('/tmp/owned', 1000, 1000)\n";
  private String image;

  @TempDir Path tmp;

  @BeforeAll
  void buildImage(@TempDir Path context) throws Exception {
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE, StandardCharsets.UTF_8);
    image = "splitcheck-test/real-programs:" + PID;
    ProbeImages.exec(
        context,
        List.of(
            "/usr/bin/docker",
            "build",
            "-q",
            "--label",
            "io.splitcheck.run=real-programs-it-" + PID,
            "--label",
            "io.splitcheck.pid=" + PID,
            "-t",
            image,
            "."));
  }

  @AfterAll
  void removeImage() throws Exception {
    ProbeImages.exec(Path.of("."), List.of("/usr/bin/docker", "rmi", "-f", image));
  }

  private JsonNode matrix(int expectedExit, String... args) throws Exception {
    Path json = tmp.resolve("report-" + System.nanoTime() + ".json");
    List<String> argv = new ArrayList<>(List.of("matrix", "--json", json.toString(), image));
    argv.addAll(List.of(args));
    int exit = Main.commandLine().execute(argv.toArray(String[]::new));
    JsonNode report = JSON.readTree(json.toFile());
    assertEquals(expectedExit, exit, report.toString());
    return report;
  }

  private static JsonNode split(JsonNode report) {
    assertEquals(1, report.get("splits").size(), report.get("splits").toString());
    return report.get("splits").get(0);
  }

  private static List<String> roles(JsonNode split) {
    List<String> out = new ArrayList<>();
    split
        .get("culprits")
        .forEach(
            c ->
                out.add(
                    c.get("syscall").asText()
                        + " "
                        + c.get("errno").asText()
                        + " "
                        + c.get("role").asText()));
    return out;
  }

  /** The culprits and excerpt of the one split of a run, in a form to compare across tracers. */
  private List<String> culpritsUnder(String tracer, String cell, String... command)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("--tracer", tracer, "--config", "unconfined", "--config", cell, "--"));
    args.addAll(List.of(command));
    JsonNode s = split(matrix(1, args.toArray(String[]::new)));
    List<String> out = new ArrayList<>();
    s.get("culprits")
        .forEach(
            c ->
                out.add(
                    c.get("syscall").asText()
                        + " "
                        + c.get("errno").asText()
                        + " "
                        + c.get("cause").asText()
                        + " "
                        + c.get("role").asText()
                        + " "
                        + (c.has("path") ? c.get("path").asText() : "-")));
    out.add("excerpt: " + s.get("excerpt").asText());
    return out;
  }

  private static void requireEbpf() {
    Optional<String> why = EbpfTracer.unavailable();
    if (why.isPresent() && "1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      throw new AssertionError("the eBPF tracer cannot run: " + why.get());
    }
    Assumptions.assumeTrue(why.isEmpty(), () -> "eBPF tracer: " + why.get());
  }

  /**
   * Both tracers on the same cells give the same culprits, roles, paths and excerpt (process ids
   * differ: strace's are the container's, eBPF's the host's; see docs/tracing.md for the other
   * differences).
   */
  @Test
  void bothTracers_nameTheSameCulprits_onTouchPythonAndPing() throws Exception {
    requireEbpf();
    List<List<String>> cases =
        List.of(
            List.of("read-only", "touch", "/stamp"),
            List.of("cap-drop-all", "python3", "-c", PYTHON),
            List.of(
                "cap-drop-all",
                "sh",
                "-c",
                "bash -c \"ping -c1 -W1 127.0.0.1; exit \\$?\"; exit $?"));
    for (List<String> c : cases) {
      String[] command = c.subList(1, c.size()).toArray(String[]::new);
      assertEquals(
          culpritsUnder("ptrace", c.get(0), command),
          culpritsUnder("ebpf", c.get(0), command),
          String.join(" ", c));
    }
  }

  @Test
  void pythonThreads_underCapDropAll_firstCulpritIsChown_clone3IsAHandledFallback()
      throws Exception {
    JsonNode s =
        split(
            matrix(
                1,
                "--config",
                "unconfined",
                "--config",
                "cap-drop-all",
                "--",
                "python3",
                "-c",
                PYTHON));

    List<String> roles = roles(s);
    assertEquals("chown EPERM cause", roles.get(0), s.toString());
    assertTrue(roles.contains("clone3 ENOSYS fallback"), s.toString());
    JsonNode first = s.get("culprits").get(0);
    assertEquals("capability", first.get("cause").asText());
    assertEquals("python3", first.get("process").get("argv0").asText());
    assertEquals(
        "PermissionError: [Errno 1] Operation not permitted: '/tmp/owned'",
        s.get("excerpt").asText());
  }

  @Test
  void touch_onReadOnlyRoot_firstCulpritIsTheCreate_utimensatIsItsConsequence() throws Exception {
    JsonNode s =
        split(
            matrix(1, "--config", "unconfined", "--config", "read-only", "--", "touch", "/stamp"));

    assertEquals(List.of("openat EROFS cause", "utimensat ENOENT consequence"), roles(s));
    assertEquals("read-only", s.get("culprits").get(0).get("cause").asText());
    assertEquals("/stamp", s.get("culprits").get(1).get("path").asText());
    assertEquals("touch: cannot touch '/stamp': Read-only file system", s.get("excerpt").asText());
  }

  @Test
  void pingGrandchild_underCapDropAll_namesItsExecveAndTheShellAncestry() throws Exception {
    JsonNode s =
        split(
            matrix(
                1,
                "--config",
                "unconfined",
                "--config",
                "cap-drop-all",
                "--",
                "sh",
                "-c",
                "bash -c \"ping -c1 -W1 127.0.0.1; exit \\$?\"; exit $?"));

    JsonNode first = s.get("culprits").get(0);
    assertEquals("execve EPERM cause", roles(s).get(0), s.toString());
    // the k8s cause rules name the program's file capability (cap_net_raw=ep) over the bounding set
    assertEquals("file-capability", first.get("cause").asText());
    assertEquals("/usr/bin/ping", first.get("path").asText());
    List<String> ancestry = new ArrayList<>();
    first.get("ancestry").forEach(a -> ancestry.add(a.get("argv0").asText()));
    assertEquals(List.of("sh", "bash"), ancestry);
    assertTrue(s.get("summary").asText().contains(" by sh["), s.get("summary").asText());
  }

  @Test
  void xzThreads_underTheDefaultProfile_doNotSplit_thoughClone3FailsThere() throws Exception {
    JsonNode report =
        matrix(
            0,
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--trace",
            "always",
            "--",
            "sh",
            "-c",
            "head -c 3000000 /usr/bin/python3.11 > /tmp/in && xz -T2 -0 --block-size=256KiB -k /tmp/in");

    assertEquals(0, report.get("splits").size());
    JsonNode cell = report.get("cells").get(1);
    assertTrue(cell.get("failedSyscalls").toString().contains("clone3"), cell.toString());
  }

  @Test
  void getent_withoutNetwork_splitsWithNoCulprit_whenNoSyscallExplainsIt() throws Exception {
    JsonNode s =
        split(
            matrix(
                1,
                "--config",
                "unconfined",
                "--config",
                "no-network",
                "--",
                "sh",
                "-c",
                "getent ahostsv4 \"$(cat /etc/hostname)\"; exit $?"));

    assertEquals(0, s.get("culprits").size(), s.toString());
    assertEquals(
        "no syscall fails here that does not fail in the baseline", s.get("note").asText());
  }

  @Test
  void timedOutBaseline_claimsNoSplit_andSuggestsTimeout() throws Exception {
    // sleeps only where no seccomp filter applies: the unconfined baseline times out, the other
    // cell exits 0
    JsonNode report =
        matrix(
            2,
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--timeout",
            "3s",
            "--trace",
            "never",
            "--",
            "sh",
            "-c",
            "grep -q '^Seccomp:.*0$' /proc/self/status && sleep 30; exit 0");

    assertEquals(0, report.get("splits").size());
    assertTrue(
        report.get("warnings").toString().contains("give it more time with --timeout"),
        report.toString());
  }
}
