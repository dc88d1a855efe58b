package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --engine} URLs checked before any engine is contacted; an engine that does not answer. */
class EnginesTest {
  private static final Path SCENARIO = Path.of("src/test/resources/fixtures/suite/copy-file");

  private static String rejection(String... urls) {
    return assertThrows(IllegalArgumentException.class, () -> Engines.check(List.of(urls), null))
        .getMessage();
  }

  @Test
  void check_keepsTheOrderGiven_andFallsBackToTheDockerHost() {
    assertEquals(
        List.of("tcp://b:2376", "unix:///var/run/docker.sock"),
        Engines.check(List.of("tcp://b:2376", "unix:///var/run/docker.sock"), null));
    assertEquals(Arrays.asList((String) null), Engines.check(List.of(), null));
    assertEquals(List.of("tcp://h:2375"), Engines.check(List.of(), "tcp://h:2375"));
  }

  @Test
  void check_rejectsAnEngineGivenTwice_alsoInAnotherSpelling() {
    assertEquals(
        "--engine 'tcp://b:2376' is given twice: give each engine once",
        rejection("tcp://b:2376", "tcp://b:2376"));
    assertEquals(
        "--engine 'tcp://B:2376/' is given twice (also as 'tcp://b:2376'): give each engine once",
        rejection("tcp://b:2376", "tcp://B:2376/"));
    assertTrue(
        rejection("unix:///var/run/docker.sock", "unix:///var/run/./docker.sock")
            .contains("is given twice"));
  }

  @Test
  void check_explainsSsh_andHowToReachSuchAnEngine() {
    String m = rejection("ssh://ops@build-2");
    assertTrue(
        m.startsWith("--engine 'ssh://ops@build-2': ssh:// is not supported: docker-java"), m);
    assertTrue(m.contains("give unix:///tmp/engine.sock"), m);
  }

  @Test
  void check_namesWhatWasExpected_forMalformedUrls() {
    assertEquals(
        "--engine 'build-2:2376': expected unix:///PATH or tcp://HOST:PORT",
        rejection("build-2:2376"));
    assertEquals(
        "--engine 'http://b:2375': expected unix:///PATH or tcp://HOST:PORT",
        rejection("http://b:2375"));
    assertTrue(
        rejection("tcp://build-2")
            .startsWith("--engine 'tcp://build-2': expected tcp://HOST:PORT"));
    assertTrue(
        rejection("unix://docker.sock")
            .startsWith("--engine 'unix://docker.sock': expected unix:///PATH, an absolute path"));
  }

  @Test
  void run_takesRepeatedEngines() {
    RunCommand c =
        CommandLine.populateCommand(
            new RunCommand(),
            "scenarios",
            "--engine",
            "unix:///a.sock",
            "--engine",
            "tcp://b:2376");
    assertEquals(List.of("unix:///a.sock", "tcp://b:2376"), c.engines);
  }

  @Test
  void run_exitsTwo_namingTheOption_beforeReadingScenarios() {
    Cli.Result r =
        Cli.run(
            "run", "/nonexistent/scenarios", "--engine", "ssh://b", "--report", "/nonexistent/r");
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("splitcheck run: error: --engine 'ssh://b': ssh:// is not supported"),
        r.err());
  }

  @Test
  void run_exitsTwo_namingTheEngine_thatDoesNotAnswer() {
    Cli.Result r =
        Cli.run(
            "run",
            SCENARIO.toString(),
            "--engine",
            "tcp://127.0.0.1:9",
            "--report",
            "/nonexistent/r");
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err()
            .contains(
                "--engine 'tcp://127.0.0.1:9': no Docker engine answers (GET /_ping failed: "),
        r.err());
  }

  @Test
  void matrix_exitsTwo_namingTheEngine_thatDoesNotAnswer() {
    Cli.Result r = Cli.run("matrix", "img:1", "--trace", "never", "--engine", "tcp://127.0.0.1:9");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--engine 'tcp://127.0.0.1:9': no Docker engine answers"), r.err());
  }
}
