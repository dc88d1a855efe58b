package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.cli.Main;
import io.splitcheck.testing.RequiresEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck harden} on two real programs: the scenario scratch-hardened (a static service,
 * USER 65534, no writes, no network) and KubernetesIT's Debian cache writer (root, writes
 * /var/cache/app): each gets its least privilege written, and verified under exactly that Pod.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardenIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final String CACHE = "splitcheck-test/harden-cache:it-" + PID;
  private static final String STATUSD = "splitcheck-test/harden-statusd:it-" + PID;

  @TempDir Path tmp;

  @BeforeAll
  void build() throws Exception {
    ProbeImages.exec(
        Path.of("."),
        List.of(
            "/usr/bin/docker",
            "build",
            "-q",
            "-t",
            CACHE,
            "src/test/resources/fixtures/k8s/cache"));
    Path ctx = Files.createTempDirectory("splitcheck-harden-it-");
    Path scenario = Path.of("../scenarios/scratch-hardened");
    Files.copy(scenario.resolve("Dockerfile"), ctx.resolve("Dockerfile"));
    ProbeImages.exec(
        ctx,
        List.of(
            "musl-gcc",
            "-static",
            "-O2",
            "-o",
            "statusd",
            scenario.resolve("statusd.c").toAbsolutePath().toString()));
    ProbeImages.exec(ctx, List.of("/usr/bin/docker", "build", "-q", "-t", STATUSD, "."));
    for (String f : List.of("Dockerfile", "statusd")) {
      Files.delete(ctx.resolve(f));
    }
    Files.delete(ctx);
  }

  @AfterAll
  void remove() throws Exception {
    ProbeImages.exec(Path.of("."), List.of("/usr/bin/docker", "rmi", "-f", CACHE, STATUSD));
  }

  @Test
  void cacheWriter_getsAnEmptyDirForItsDirectory_aNonRootUid_noNetwork_andIsVerified()
      throws Exception {
    Path out = tmp.resolve("cache");
    String text = harden(0, CACHE, "--out", out.toString());
    String pod = Files.readString(out.resolve(Harden.POD_FILE));
    assertTrue(
        pod.contains("runAsUser: 65532\n")
            && pod.contains("readOnlyRootFilesystem: true\n")
            && pod.contains("mountPath: \"/var/cache/app\"\n")
            && pod.contains("kind: NetworkPolicy\n"),
        pod);
    assertFalse(pod.contains("add:"), "no capability: " + pod);
    assertTrue(
        Files.readString(out.resolve(Harden.DOCKER_FILE))
            .contains(
                "--user=65532:0 --cap-drop=ALL "
                    + "--security-opt=no-new-privileges --read-only --tmpfs=/var/cache/app:mode=1777 --network=none "),
        text);
    assertTrue(
        Files.readString(out.resolve(Harden.COMPOSE_FILE)).contains("network_mode: none"), text);
    assertTrue(text.contains("verified: pod-hardened-app ends as unconfined does (exit 0)"), text);
  }

  @Test
  void scratchHardenedScenario_needsNothing_runsAsItsOwnUser_andIsVerified() throws Exception {
    Path out = tmp.resolve("statusd");
    String text = harden(0, STATUSD, "--out", out.toString());
    String pod = Files.readString(out.resolve(Harden.POD_FILE));
    assertTrue(
        pod.contains("runAsUser: 65534\n")
            && !pod.contains("volumeMounts")
            && !pod.contains("add:"),
        pod);
    assertTrue(text.contains("verified: pod-hardened-app ends as unconfined does"), text);
  }

  @Test
  void aProgramThatChownsBeyondWhatTheTraceSaw_isNotVerified_exit1() throws Exception {
    // the traced baseline takes the short branch (strace present), the verification run does not:
    // the
    // hardened cell lacks CHOWN and the outcome differs, so harden must say so rather than claim it
    Path out = tmp.resolve("branch");
    String text =
        harden(
            1,
            CACHE,
            "--out",
            out.toString(),
            "--",
            "sh",
            "-c",
            "if [ -d /.splitcheck/tracer ]; then echo traced; else chown 1:1 /etc/debian_version; fi");
    assertTrue(
        text.contains("NOT verified: pod-hardened-app ends differently from unconfined"), text);
  }

  private static String harden(int exit, String... args) {
    List<String> argv = new ArrayList<>(List.of("harden"));
    argv.addAll(List.of(args));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(p);
      code = Main.commandLine().execute(argv.toArray(String[]::new));
    } finally {
      System.setOut(old);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(exit, code, text);
    return text;
  }
}
