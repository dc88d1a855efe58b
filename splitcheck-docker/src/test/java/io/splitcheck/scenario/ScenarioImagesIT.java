package io.splitcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.Labels;
import io.splitcheck.engine.RunId;
import io.splitcheck.testing.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the scenarios honest, independent of the matrix implementation: builds the images of the
 * scenarios whose expectation is about runtime behaviour (prebuild on the host, BuildKit through
 * the 20.10 client) and runs them with the docker flags each cell stands for, asserting the exit
 * codes scenarios/README.md reports. Images are tagged {@code splitcheck-test/scenario-*} and
 * removed.
 */
class ScenarioImagesIT {
  private static final Path SCENARIOS =
      Path.of(System.getProperty("splitcheck.repo", "..")).resolve("scenarios");
  private static final String DOCKER = "/usr/bin/docker";
  private static final String RUN_ID = RunId.next(Clock.systemUTC());
  private static final List<String> BUILT = new ArrayList<>();

  @BeforeAll
  static void engineAnswers() throws Exception {
    Prerequisite.require(Files.isExecutable(Path.of(DOCKER)), "no " + DOCKER);
    Prerequisite.require(
        exec(List.of(DOCKER, "version"), SCENARIOS).code() == 0, "the engine does not answer");
  }

  @AfterAll
  static void removeImages() throws Exception {
    for (String tag : BUILT) {
      exec(List.of(DOCKER, "rmi", "-f", tag), SCENARIOS);
    }
  }

  @Test
  void getrandomSeccomp_failsOnlyUnderTheProductionProfile() throws Exception {
    String image = build("getrandom-seccomp");
    assertEquals(0, run(image, "--security-opt", "seccomp=unconfined").code());
    assertEquals(0, run(image).code());
    Result prod =
        run(
            image,
            "--security-opt",
            "seccomp=" + profile("getrandom-seccomp", "prod-seccomp.json"));
    assertEquals(3, prod.code());
    assertTrue(prod.output().contains("getrandom failed: Operation not permitted"), prod.output());
  }

  @Test
  void legacyRuntime_failsOnlyUnderTheOlderRuntimeProfile() throws Exception {
    String image = build("legacy-runtime");
    assertEquals(0, run(image, "--security-opt", "seccomp=unconfined").code());
    assertEquals(0, run(image).code());
    Result old =
        run(
            image,
            "--security-opt",
            "seccomp=" + profile("legacy-runtime", "older-runtime-seccomp.json"));
    assertEquals(4, old.code());
    assertTrue(
        old.output().contains("pthread_create failed: Operation not permitted"), old.output());
  }

  @Test
  void scratchHardened_passesEveryBuiltInCell() throws Exception {
    String image = build("scratch-hardened");
    List<List<String>> cells =
        List.of(
            List.of("--security-opt", "seccomp=unconfined"),
            List.of(),
            List.of("--cap-drop=ALL"),
            List.of("--read-only"),
            List.of("--network", "none"),
            List.of(
                "--cap-drop=ALL",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--network",
                "none",
                "--security-opt",
                "no-new-privileges"));
    for (List<String> cell : cells) {
      assertEquals(0, run(image, cell.toArray(String[]::new)).code(), "cell " + cell);
    }
  }

  @Test
  void dynamicStatic_cannotStartInScratch() throws Exception {
    Result r = run(build("dynamic-static"));
    assertNotEquals(0, r.code());
    assertTrue(r.output().contains("no such file or directory"), r.output());
  }

  private static String profile(String scenario, String file) {
    return SCENARIOS.resolve(scenario).resolve(file).toAbsolutePath().toString();
  }

  private static String build(String name) throws Exception {
    Scenario s = new ScenarioLoader().load(SCENARIOS.resolve(name)).get(0);
    if (!s.build().prebuild().isEmpty()) {
      Result pre = exec(s.build().prebuild(), s.dir());
      assertEquals(0, pre.code(), "prebuild " + s.build().prebuild() + ": " + pre.output());
    }
    String tag = "splitcheck-test/scenario-" + name + ":" + RUN_ID;
    List<String> cmd =
        new ArrayList<>(List.of(DOCKER, "build", "-q", "-t", tag, "-f", s.dockerfile().toString()));
    s.build().args().forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
    cmd.add(s.context().toString());
    BUILT.add(tag);
    Result r = exec(cmd, s.dir());
    assertEquals(0, r.code(), "docker build: " + r.output());
    return tag;
  }

  private static Result run(String image, String... options) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of(DOCKER, "run", "--rm", "--label", Labels.RUN + "=" + RUN_ID));
    cmd.addAll(List.of(options));
    cmd.add(image);
    return exec(cmd, SCENARIOS);
  }

  private static Result exec(List<String> cmd, Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile("scenario-it", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().put("DOCKER_BUILDKIT", "1");
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after 300 s: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private record Result(int code, String output) {}
}
