package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.twice.Twice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * twice's first build started from {@code main}, before picocli (TwiceAhead), through the CLI as
 * users run it: a process of its own, with its own checks cache so the first run learns the
 * engine's facts and the second starts ahead. Against the real engine: same verdict either way, and
 * a bad option after an early start leaves no image and no build behind.
 */
@RequiresEngine
class TwiceAheadIT {
  @TempDir Path dir;

  private Map<String, String> env(Path checks) {
    Map<String, String> env = new HashMap<>();
    env.put("SPLITCHECK_LAUNCH_ONLY", "1");
    env.put("SPLITCHECK_TIMINGS", "1");
    env.put("SPLITCHECK_CHECK_CACHE", checks.toString());
    return env;
  }

  /** The ms after JVM start of a phase in a SPLITCHECK_TIMINGS log, or -1. */
  private static long at(String err, String phase) {
    Matcher m = Pattern.compile("(?m)^timing: " + phase + " (\\d+)$").matcher(err);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String runIdOf(String out) {
    Matcher m = Pattern.compile("run (\\d{8}-\\d{6}-\\d+)\\)").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  private static List<String> twiceTags() throws Exception {
    try (var docker = DockerClients.fromEnvironment()) {
      return docker.listImagesCmd().exec().stream()
          .filter(i -> i.getRepoTags() != null)
          .flatMap(i -> Arrays.stream(i.getRepoTags()))
          .filter(t -> t.startsWith(Twice.TAG_REPOSITORY + "/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void secondRunStartsItsFirstBuildBeforePicocli_withTheSameVerdict() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(ctx.resolve("a"), "same bytes\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY a /a\n");
    Path checks = Files.createDirectories(dir.resolve("checks"));
    List<String> before = twiceTags();

    ScriptsIT.Run cold =
        ScriptsIT.script(env(checks), "scripts/splitcheck", "twice", ctx.toString());
    ScriptsIT.Run warm =
        ScriptsIT.script(env(checks), "scripts/splitcheck", "twice", "--keep", ctx.toString());

    assertTrue(cold.exit() <= 1 && warm.exit() == cold.exit(), cold.err() + warm.err());
    assertTrue(
        at(cold.err(), "first-build-started") < 0
            || at(cold.err(), "first-build-started") > at(cold.err(), "call"),
        "no facts yet: nothing starts before the command\n" + cold.err());
    long started = at(warm.err(), "first-build-started");
    assertTrue(started > 0 && started < at(warm.err(), "call"), "started from main\n" + warm.err());
    String verdict = "verdict: ";
    assertEquals(
        cold.out().lines().filter(l -> l.startsWith(verdict)).toList(),
        warm.out().lines().filter(l -> l.startsWith(verdict)).toList());
    // the build main started is the run's first: tagged under the run's id, kept by --keep
    String run = runIdOf(warm.out());
    List<String> kept = List.of(Twice.tag(run, "first"), Twice.tag(run, "second"));
    try {
      assertTrue(twiceTags().containsAll(kept), twiceTags().toString());
    } finally {
      try (var docker = DockerClients.fromEnvironment()) {
        for (String t : kept) {
          docker.removeImageCmd(t).withForce(true).exec();
        }
        // --keep keeps the run's owner record too (gc never removes a kept run's images)
        docker.removeVolumeCmd("splitcheck-owner-" + run).exec();
      }
    }
    assertEquals(before, twiceTags(), "only the kept images were left, and they are removed");
  }

  @Test
  void aBadOptionAfterAnEarlyStart_stopsTheBuild_andLeavesNothing() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("slow"));
    // a build that would run for a minute: the command must not wait for it
    Files.writeString(ctx.resolve("Dockerfile"), "FROM splitcheck/debian:bookworm\nRUN sleep 60\n");
    Path checks = Files.createDirectories(dir.resolve("checks"));
    Path quick = Files.createDirectories(dir.resolve("quick"));
    Files.writeString(quick.resolve("Dockerfile"), "FROM scratch\n");
    ScriptsIT.script(env(checks), "scripts/splitcheck", "twice", quick.toString()); // learns facts
    List<String> before = twiceTags();

    long t0 = System.nanoTime();
    ScriptsIT.Run bad =
        ScriptsIT.script(
            env(checks), "scripts/splitcheck", "twice", ctx.toString(), "--accept", "bogus");
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("--accept 'bogus'"), bad.err());
    assertTrue(at(bad.err(), "first-build-started") > 0, "it had started\n" + bad.err());
    assertTrue(seconds < 30, "stopped, not awaited: " + seconds + " s");
    assertEquals(before, twiceTags());
    Process ps = new ProcessBuilder("pgrep", "-f", "build .*" + ctx).start();
    assertEquals(1, ps.waitFor(), "no build client left running for " + ctx);
  }
}
