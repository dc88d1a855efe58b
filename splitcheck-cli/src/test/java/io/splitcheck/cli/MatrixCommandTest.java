package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parsing and the checks that come before the engine is contacted. */
class MatrixCommandTest {
  @Test
  void parse_takesRepeatedOptions_andTheCommandAfterDoubleDash() {
    MatrixCommand c =
        CommandLine.populateCommand(
            new MatrixCommand(),
            "img:1",
            "--config",
            "read-only",
            "--config",
            "unconfined",
            "--profile",
            "p=prod.json",
            "--derive",
            "d=getrandom=EPERM",
            "--trace",
            "never",
            "--timeout",
            "5s",
            "--jobs",
            "3",
            "--json",
            "out.json",
            "--",
            "/bin/app",
            "--flag");
    assertEquals("img:1", c.image);
    assertEquals(List.of("read-only", "unconfined"), c.configs);
    assertEquals(List.of("p=prod.json"), c.profiles);
    assertEquals(List.of("d=getrandom=EPERM"), c.derives);
    assertEquals("never", c.trace);
    assertEquals("5s", c.timeout);
    assertEquals(3, c.jobs);
    assertEquals(Path.of("out.json"), c.json);
    assertEquals(List.of("/bin/app", "--flag"), c.command);
  }

  @Test
  void parse_takesTheKubernetesOptions() {
    MatrixCommand c =
        CommandLine.populateCommand(
            new MatrixCommand(),
            "img:1",
            "--user",
            "1000:0",
            "--limit",
            "memory=64m",
            "--limit",
            "pids=32",
            "--tmpfs",
            "/cache",
            "--pod",
            "deploy.yaml#app");
    assertEquals("1000:0", c.user);
    assertEquals(List.of("memory=64m", "pids=32"), c.limits);
    assertEquals(List.of("/cache"), c.tmpfs);
    assertEquals(List.of("deploy.yaml#app"), c.pods);
  }

  @Test
  void matrix_exitsTwoNamingTheOption_whenALimitOrUserOrPodIsBad() {
    Cli.Result limit = Cli.run("matrix", "img:1", "--limit", "memory=lots");
    assertEquals(2, limit.exitCode());
    assertTrue(limit.err().contains("--limit memory 'lots': expected a size"), limit.err());
    Cli.Result user = Cli.run("matrix", "img:1", "--user", "nobody");
    assertTrue(user.err().contains("--user 'nobody': expected UID or UID:GID"), user.err());
    Cli.Result pod = Cli.run("matrix", "img:1", "--pod", "/nonexistent/pod.yaml");
    assertTrue(pod.err().contains("--pod /nonexistent/pod.yaml: no such file"), pod.err());
  }

  @Test
  void matrixOn_appliesTheSameChecks_aBadPodOrUserOrTheEngineOptionExitsTwoBeforeAnyEngine() {
    // the --on path builds the same request: a bad --pod or --user is refused as on one engine
    Cli.Result pod =
        Cli.run(
            "matrix",
            "img:1",
            "--on",
            "a=unix:///nonexistent/a.sock",
            "--pod",
            "/nonexistent/pod.yaml");
    assertEquals(2, pod.exitCode());
    assertTrue(pod.err().contains("--pod /nonexistent/pod.yaml: no such file"), pod.err());
    Cli.Result user =
        Cli.run("matrix", "img:1", "--on", "a=unix:///nonexistent/a.sock", "--user", "nobody");
    assertTrue(user.err().contains("--user 'nobody': expected UID or UID:GID"), user.err());
    Cli.Result both =
        Cli.run(
            "matrix",
            "img:1",
            "--on",
            "a=unix:///nonexistent/a.sock",
            "--engine",
            "unix:///nonexistent/b.sock",
            "--profile",
            "p=/nonexistent/p.json");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().contains("--on and --engine are given"), both.err());
  }

  @Test
  void matrix_exitsTwoNamingTheCell_whenConfigIsUnknown() {
    Cli.Result r = Cli.run("matrix", "img:1", "--config", "unconfined", "--config", "laptop");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("'laptop'") && r.err().contains("runtime-default"), r.err());
  }

  @Test
  void matrix_exitsTwo_whenTraceModeOrJobsOrTimeoutIsInvalid() {
    Cli.Result trace = Cli.run("matrix", "img:1", "--trace", "sometimes");
    assertEquals(2, trace.exitCode());
    assertTrue(trace.err().contains("--trace 'sometimes'"), trace.err());
    Cli.Result jobs = Cli.run("matrix", "img:1", "--jobs", "0");
    assertEquals(2, jobs.exitCode());
    assertTrue(jobs.err().contains("--jobs '0': expected at least 1"), jobs.err());
    Cli.Result timeout = Cli.run("matrix", "img:1", "--timeout", "soon");
    assertEquals(2, timeout.exitCode());
    assertTrue(timeout.err().contains("--timeout 'soon'"), timeout.err());
  }

  @Test
  void matrix_exitsTwo_whenProfileOptionHasNoFileOrNoName() {
    Cli.Result missing = Cli.run("matrix", "img:1", "--profile", "p=/nonexistent/prod.json");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("/nonexistent/prod.json"), missing.err());
    Cli.Result noFile = Cli.run("matrix", "img:1", "--profile", "prod.json");
    assertEquals(2, noFile.exitCode());
    assertTrue(noFile.err().contains("--profile prod.json: no such file"), noFile.err());
    Cli.Result noName = Cli.run("matrix", "img:1", "--profile", "prod-typo");
    assertEquals(2, noName.exitCode());
    assertTrue(noName.err().contains("no bundled seccomp profile 'prod-typo'"), noName.err());
    assertTrue(noName.err().contains("expected NAME=FILE or one of"), noName.err());
  }

  @Test
  void matrix_exitsTwo_whenDeriveExpressionIsInvalid(@TempDir Path tmp) throws Exception {
    Path profile = tmp.resolve("default.json");
    Files.writeString(profile, "{\"defaultAction\":\"SCMP_ACT_ERRNO\"}");
    Cli.Result r =
        Cli.run(
            "matrix",
            "img:1",
            "--default-profile",
            profile.toString(),
            "--derive",
            "x=getrandom=EWHAT");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("EWHAT"), r.err());
  }
}
