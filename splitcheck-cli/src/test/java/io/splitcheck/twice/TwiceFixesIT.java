package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.diff.Verdict;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.NamedEngine;
import io.splitcheck.testing.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that is not reproducible (gzip without -n, ldconfig's aux-cache), twiced; the fixes twice
 * suggests applied to its Dockerfile, cause by cause; twiced again: the verdict is better.
 */
@RequiresEngine
class TwiceFixesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCKERFILE =
      "FROM splitcheck/debian:bookworm\n"
          + "RUN sleep 1 && echo notes > /notes.txt && gzip -k -9 /notes.txt && useradd -m app && ldconfig\n";

  /** Each cause whose fix is a change to the Dockerfile, as its fix text says it. */
  private static final Map<String, UnaryOperator<String>> FIXES =
      Map.of(
          "gzip-no-n", d -> d.replace("gzip -k", "gzip -n -k"),
          "ldconfig-aux-cache",
              d ->
                  d.replace(
                      "&& ldconfig\n", "&& ldconfig && rm -f /var/cache/ldconfig/aux-cache\n"));

  /** Causes the engine fixes (or cannot), not the Dockerfile. */
  private static final List<String> ENGINE_CAUSES =
      List.of("build-time-mtime", "copy-dir-mtime", "config-timestamps");

  @TempDir Path dir;

  private JsonNode twice(String name, String dockerfile, int exit, String... extra)
      throws Exception {
    Path ctx = Files.createDirectories(dir.resolve(name));
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Path json = dir.resolve(name + ".json");
    List<String> args =
        new ArrayList<>(List.of("twice", ctx.toString(), "--json", json.toString()));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(exit, r.exitCode(), r.out() + r.err());
    return JSON.readTree(json.toFile());
  }

  /**
   * The Dockerfile with the fix of every cause the result names applied; fails on a cause it cannot
   * fix.
   */
  private static String fixed(JsonNode result) {
    String d = DOCKERFILE;
    TreeSet<String> causes = new TreeSet<>();
    result.path("causes").forEach(c -> causes.add(c.path("id").asText()));
    for (String cause : causes) {
      if (FIXES.containsKey(cause)) {
        assertTrue(result.path("causes").toString().contains(cause), cause);
        d = FIXES.get(cause).apply(d);
      } else {
        assertTrue(
            ENGINE_CAUSES.contains(cause),
            "a cause this test has no fix for: " + cause + " in " + causes);
      }
    }
    assertTrue(
        causes.stream().anyMatch(FIXES::containsKey),
        "twice names a cause the Dockerfile can fix: " + causes);
    assertTrue(!d.equals(DOCKERFILE));
    return d;
  }

  private static Verdict verdict(JsonNode result) {
    return Verdict.valueOf(result.path("verdict").asText().toUpperCase().replace('-', '_'));
  }

  @Test
  void theSuggestedFixes_takeTheBuildFromContentToMtimeOnly_onDocker2010() throws Exception {
    JsonNode before = twice("before", DOCKERFILE, 1);
    assertEquals(Verdict.CONTENT, verdict(before), before.toPrettyString());

    JsonNode after = twice("after", fixed(before), 1);

    assertEquals(Verdict.MTIME_ONLY, verdict(after), after.toPrettyString());
    assertTrue(
        after.path("causes").findValuesAsText("id").stream().noneMatch(FIXES::containsKey),
        after.path("causes").toString());
  }

  @Test
  void theSuggestedFixes_makeTheBuildReproducible_onDocker26() throws Exception {
    String host = NamedEngine.DOCKER26.host();
    NamedEngine.DOCKER26.load(host, "splitcheck/debian:bookworm");
    String[] on = {"--docker-host", host, "--source-date-epoch", "1700000000"};
    JsonNode before = twice("before26", DOCKERFILE, 1, on);
    assertEquals(Verdict.CONTENT, verdict(before), before.toPrettyString());

    JsonNode after = twice("after26", fixed(before), 0, on);

    assertEquals(Verdict.REPRODUCIBLE, verdict(after), after.toPrettyString());
  }
}
