package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.cli.Main;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes cells and causes with real Debian programs: a shell writing under /var/cache, dd's
 * 100 MiB buffer, a shell fork loop and Debian's ping (its file capability), in images built FROM
 * the local base image (the ping image installs iputils-ping from Debian's archive).
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesIT {
  private static final String DEBIAN = "splitcheck/debian:bookworm";
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/k8s");
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final String CACHE = "splitcheck-test/k8s-cache:it-" + PID;
  private static final String PING = "splitcheck-test/k8s-ping:it-" + PID;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @BeforeAll
  void buildImages() throws Exception {
    docker("image", "inspect", DEBIAN);
    docker("build", "-q", "-t", CACHE, FIXTURES.resolve("cache").toString());
    docker("build", "-q", "-t", PING, FIXTURES.resolve("ping").toString());
  }

  @AfterAll
  void removeImages() throws Exception {
    docker("rmi", "-f", PING, CACHE);
  }

  @Test
  void debianCacheWriter_worksAsRoot_andFailsUnderK8sRestricted_withUserAndTheOwner()
      throws Exception {
    JsonNode r =
        matrix(
            CACHE,
            "--config",
            "unconfined",
            "--config",
            "k8s-restricted",
            "--config",
            "openshift-restricted");
    assertEquals(0, cell(r, "unconfined").path("exitCode").asInt(), r.toString());
    JsonNode c = culprit(r, "k8s-restricted");
    assertEquals("user", c.path("cause").asText(), c.toString());
    assertTrue(
        c.path("detail")
            .asText()
            .startsWith(
                "/var/cache/app is owned by 0:0 with mode 0755 in the "
                    + "image; the cell runs as 65532:0"),
        c.toString());
    // where the path came from: the image's second layer, made by the Dockerfile's RUN mkdir
    assertTrue(
        c.path("detail")
            .asText()
            .contains("/var/cache/app got its owner and mode from layer 2 of 2 " + "(sha256:"),
        c.toString());
    assertTrue(
        c.path("detail").asText().endsWith("step `RUN mkdir -p /var/cache/app`"), c.toString());
    JsonNode os = culprit(r, "openshift-restricted");
    assertTrue(
        os.path("detail").asText().contains("the cell runs as 1000680000:0 (groups [0])")
            && os.path("detail").asText().contains("chmod g=u /var/cache/app"),
        os.toString());
  }

  @Test
  void manifests_emptyDirFixesTheReadOnlyRoot_andRunAsNonRootRefusesARootImage() throws Exception {
    JsonNode r =
        matrix(
            CACHE,
            "--config",
            "unconfined",
            "--pod",
            FIXTURES.resolve("cache-readonly.yaml") + "#app",
            "--pod",
            FIXTURES.resolve("cache-readonly-no-emptydir.yaml").toString(),
            "--pod",
            FIXTURES.resolve("cache-nonroot-job.yaml").toString());
    assertEquals(0, cell(r, "deployment-cache-app").path("exitCode").asInt(), r.toString());
    assertEquals(List.of("cronjob-cache-refresh", "pod-cache"), splits(r));
    JsonNode readOnly = culprit(r, "pod-cache");
    assertEquals("read-only", readOnly.path("cause").asText(), r.toString());
    assertTrue(
        readOnly
                .path("detail")
                .asText()
                .contains("/var/cache/app (0:0 0755) comes from layer 2 of 2 ")
            && readOnly
                .path("detail")
                .asText()
                .contains("(fix: mount an emptyDir, medium Memory, at /var/cache/app"),
        readOnly.toString());
    JsonNode refused = culprit(r, "cronjob-cache-refresh");
    assertEquals("run-as-non-root", refused.path("cause").asText(), refused.toString());
    assertTrue(
        refused
            .path("detail")
            .asText()
            .startsWith("container has runAsNonRoot and image will run " + "as root"),
        refused.toString());
    List<String> warnings = new ArrayList<>();
    r.path("warnings").forEach(w -> warnings.add(w.asText()));
    assertTrue(
        warnings.stream()
            .anyMatch(
                w -> w.contains("volume 'config' (configMap) at /etc/app is not " + "reproduced")),
        warnings.toString());
  }

  @Test
  void ddsBuffer_isOomKilledAt64m_withMemoryNamed() throws Exception {
    JsonNode r =
        matrix(
            DEBIAN,
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--limit",
            "memory=64m",
            "--",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=100M",
            "count=1");
    JsonNode cell = cell(r, "runtime-default");
    assertTrue(cell.path("oomKilled").asBoolean(), cell.toString());
    assertEquals(137, cell.path("exitCode").asInt());
    JsonNode c = culprit(r, "runtime-default");
    assertEquals("memory", c.path("cause").asText(), c.toString());
    assertTrue(c.path("detail").asText().contains("memory limit of 64Mi"), c.toString());
    // the peak from the cell's own cgroup parent, read after the engine removed the container's
    // cgroup
    Matcher peak =
        Pattern.compile("; peak [0-9]+ bytes \\(([0-9.]+)Mi\\)").matcher(c.path("detail").asText());
    assertTrue(peak.find(), c.toString());
    double mi = Double.parseDouble(peak.group(1));
    // seen: 64.01Mi (67121152 bytes; v1's max_usage counts a few pages past the limit before the
    // kill)
    assertTrue(mi > 32 && mi < 65, "the peak reaches the 64Mi limit: " + c);
  }

  @Test
  void ddsBuffer_underPtrace_hasItsPeakFromACgroupParentOfItsOwn_andLeavesNoParentBehind()
      throws Exception {
    // without the eBPF tracer's cell directories, the verdict run gets a /splitcheck-peak-PID-N
    // parent
    JsonNode r =
        matrix(
            DEBIAN,
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--tracer",
            "ptrace",
            "--limit",
            "memory=64m",
            "--",
            "dd",
            "if=/dev/zero",
            "of=/dev/null",
            "bs=100M",
            "count=1");
    JsonNode c = culprit(r, "runtime-default");
    assertEquals("memory", c.path("cause").asText(), c.toString());
    assertTrue(
        c.path("detail")
            .asText()
            .matches(".*; peak [0-9]+ bytes \\(6[34]\\.[0-9]Mi\\) as its cgroup " + "recorded it"),
        c.toString());
    Path v1 = Path.of("/sys/fs/cgroup/memory"); // this host's engines: cgroupfs on cgroup v1
    try (var dirs = Files.isDirectory(v1) ? Files.list(v1) : Stream.<Path>empty()) {
      String prefix = "splitcheck-peak-" + PID + "-";
      assertEquals(
          List.of(),
          dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList());
    }
  }

  @Test
  void shellForkLoop_failsAtPids32_withPidsNamed() throws Exception {
    JsonNode r =
        matrix(
            DEBIAN,
            "--config",
            "unconfined",
            "--config",
            "runtime-default",
            "--limit",
            "pids=32",
            "--",
            "sh",
            "-c",
            "for i in $(seq 1 50); do sleep 2 & done; wait");
    assertEquals(0, cell(r, "unconfined").path("exitCode").asInt(), r.toString());
    JsonNode c = culprit(r, "runtime-default");
    assertEquals("pids", c.path("cause").asText(), c.toString());
    assertEquals("EAGAIN", c.path("errno").asText());
  }

  @Test
  void debianPing_underCapDropAll_isItsFileCapability() throws Exception {
    JsonNode r = matrix(PING, "--config", "unconfined", "--config", "cap-drop-all");
    assertEquals(0, cell(r, "unconfined").path("exitCode").asInt(), r.toString());
    JsonNode c = culprit(r, "cap-drop-all");
    assertEquals("file-capability", c.path("cause").asText(), c.toString());
    assertEquals("execve", c.path("syscall").asText());
    assertTrue(
        c.path("detail")
            .asText()
            .startsWith("/usr/bin/ping carries the file capability " + "net_raw=ep"),
        c.toString());
  }

  private JsonNode matrix(String... args) throws Exception {
    Path json = tmp.resolve("report-" + System.nanoTime() + ".json");
    List<String> argv = new ArrayList<>(List.of("matrix", "--json", json.toString()));
    argv.addAll(List.of(args));
    int exit = Main.commandLine().execute(argv.toArray(String[]::new));
    assertTrue(Files.exists(json), "no report; exit " + exit);
    return JSON.readTree(Files.readString(json, StandardCharsets.UTF_8));
  }

  private static JsonNode cell(JsonNode r, String name) {
    for (JsonNode c : r.path("cells")) {
      if (c.path("config").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no cell " + name + " in " + r);
  }

  private static List<String> splits(JsonNode r) {
    List<String> names = new ArrayList<>();
    r.path("splits").forEach(s -> names.add(s.path("config").asText()));
    return names.stream().sorted().toList();
  }

  private static JsonNode culprit(JsonNode r, String name) {
    for (JsonNode s : r.path("splits")) {
      if (s.path("config").asText().equals(name) && !s.path("culprits").isEmpty()) {
        return s.path("culprits").get(0);
      }
    }
    throw new AssertionError("no culprit for " + name + " in " + r);
  }

  private static void docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
