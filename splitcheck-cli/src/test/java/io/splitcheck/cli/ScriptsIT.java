package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The wrapper scripts keep the CLI's exit codes (0, 1 found something, 2 error; their own set-up
 * failing is 2), and {@code scripts/reproduce} takes the options in the forms {@code matrix} does.
 * They run the jar {@code mvn verify} packaged before the integration tests ({@code
 * SPLITCHECK_LAUNCH_ONLY=1}: no build from inside a test).
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private BusyboxImage image;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void build() throws Exception {
    image = BusyboxImage.build("scripts-writer");
  }

  @AfterAll
  void remove() throws Exception {
    image.close();
  }

  static Run script(Map<String, String> env, String... argv) throws Exception {
    Path out = Files.createTempFile("scripts-it-", ".out");
    Path err = Files.createTempFile("scripts-it-", ".err");
    try {
      List<String> cmd = new ArrayList<>(List.of(argv));
      cmd.set(0, ROOT.resolve(cmd.get(0)).toString());
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(ROOT.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", cmd) + " ended");
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static final Map<String, String> LAUNCH_ONLY = Map.of("SPLITCHECK_LAUNCH_ONLY", "1");

  private List<String> splitting() {
    return List.of("--", "/bin/sh", "-c", "touch /x");
  }

  @Test
  void splitcheck_exits2_whenNoEngineCanBeMadeToAnswer() throws Exception {
    Run r =
        script(
            Map.of("SPLITCHECK_ENGINE_SCRIPT", "false"),
            "scripts/splitcheck",
            "matrix",
            image.tag());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("no engine answers"), r.err());
  }

  @Test
  void splitcheck_keepsTheClisExitCodes_splitIs1_engineGoneIs2_noCommandIs2() throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "scripts/splitcheck",
                "matrix",
                image.tag(),
                "--config",
                "unconfined",
                "--config",
                "read-only",
                "--trace",
                "never"));
    args.addAll(splitting());
    assertEquals(1, script(LAUNCH_ONLY, args.toArray(String[]::new)).exit());
    Run gone =
        script(
            LAUNCH_ONLY,
            "scripts/splitcheck",
            "matrix",
            image.tag(),
            "--docker-host",
            "unix:///nonexistent.sock");
    assertEquals(2, gone.exit(), gone.err());
    assertEquals(2, script(LAUNCH_ONLY, "scripts/splitcheck").exit());
  }

  @Test
  void reproduce_exits2_naming_aMissingValue_orAStrayArgument() throws Exception {
    Run missing = script(LAUNCH_ONLY, "scripts/reproduce", image.tag(), "--profile");
    assertEquals(2, missing.exit());
    assertEquals("scripts/reproduce: --profile needs a value (see --help)\n", missing.err());
    Run jobs = script(LAUNCH_ONLY, "scripts/reproduce", image.tag(), "--jobs", "--trace", "never");
    assertEquals(2, jobs.exit());
    assertTrue(jobs.err().contains("--jobs needs a value"), jobs.err());
    assertEquals(2, script(LAUNCH_ONLY, "scripts/reproduce").exit());
    assertEquals(2, script(LAUNCH_ONLY, "scripts/reproduce", image.tag(), "stray").exit());
    Run pod =
        script(LAUNCH_ONLY, "scripts/reproduce", image.tag(), "--pod", "no-such-pod.yaml#app");
    assertEquals(2, pod.exit());
    assertEquals(
        "scripts/reproduce: --pod no-such-pod.yaml#app: no such file no-such-pod.yaml\n",
        pod.err());
  }

  @Test
  void nightly_exits2_namingAMissingValue_orAnUnknownOption_beforeAnythingRuns() throws Exception {
    Run missing = script(Map.of(), "scripts/nightly", "--keep");
    assertEquals(2, missing.exit());
    assertEquals("scripts/nightly: --keep needs a value (see --help)\n", missing.err());
    assertEquals(2, script(Map.of(), "scripts/nightly", "--history", "--keep", "3").exit());
    assertEquals(2, script(Map.of(), "scripts/nightly", "--bogus").exit());
  }

  @Test
  void reproduce_takesMatrixOptionForms_andExitsAsTheMatrixDoes() throws Exception {
    Path profile = ROOT.resolve("seccomp-profiles/docker-20.10.24.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "scripts/reproduce",
                image.tag(),
                "--config=unconfined",
                "--config",
                "read-only",
                "--jobs=2",
                "--trace",
                "never",
                "--timeout=30s",
                "--profile",
                profile.toString(),
                "--profile",
                "docker=" + profile));
    args.addAll(splitting());
    Run r = script(LAUNCH_ONLY, args.toArray(String[]::new));

    assertEquals(1, r.exit(), r.out() + r.err());
    Matcher m = Pattern.compile("report: (\\S+)/index.html").matcher(r.out());
    assertTrue(m.find(), r.out());
    Path dir = Path.of(m.group(1));
    try {
      JsonNode json = new ObjectMapper().readTree(dir.resolve("matrix.json").toFile());
      List<String> cells = new ArrayList<>();
      json.get("cells").forEach(c -> cells.add(c.get("config").asText()));
      assertEquals(List.of("unconfined", "read-only", "prod", "docker"), cells);
      assertTrue(Files.isRegularFile(dir.resolve("index.html")));
    } finally {
      TempFolder.deleteQuietly(dir);
    }
  }
}
