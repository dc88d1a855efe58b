package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden {@code fixtures/report/commands/twice.json} is a real {@code twice --json} of {@link
 * #DOCKERFILE}, normalised: digests numbered in order of appearance, times, long numbers and short
 * hashes blanked, the context named. This test builds it again and compares. When the output
 * changes on purpose, the normalised actual is in {@code target/twice-golden-actual.json}: copy it
 * over.
 */
@RequiresEngine
class TwiceGoldenIT {
  static final String DOCKERFILE =
      "FROM splitcheck/debian:bookworm\nCOPY motd /motd\nRUN sleep 1 && date +%s%N > /built-at\n";
  static final Path GOLDEN =
      Path.of(
          "..",
          "splitcheck-core",
          "src",
          "test",
          "resources",
          "fixtures",
          "report",
          "commands",
          "twice.json");

  @TempDir Path dir;

  @Test
  void twiceJson_ofARealBuild_matchesTheGolden_oncePathsIdsAndTimesAreNormalised()
      throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), DOCKERFILE);
    Files.writeString(ctx.resolve("motd"), "built twice\n");
    Path json = dir.resolve("twice.json");

    Cli.Result r = Cli.run("twice", ctx.toString(), "--json", json.toString());

    assertEquals(1, r.exitCode(), r.out() + r.err());
    String actual = normalise(Files.readString(json, StandardCharsets.UTF_8), ctx.toString());
    String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);
    if (!golden.equals(actual)) {
      Files.writeString(Path.of("target", "twice-golden-actual.json"), actual);
    }
    assertEquals(golden, actual);
  }

  /**
   * Digests numbered, ISO times, runs of 9+ digits and 12-hex short hashes blanked, the context
   * named.
   */
  static String normalise(String json, String context) {
    String s = json.replace(context, "CONTEXT");
    Map<String, String> digests = new LinkedHashMap<>();
    Matcher m = Pattern.compile("sha256:[0-9a-f]{64}").matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String n = digests.computeIfAbsent(m.group(), k -> "sha256:<" + (digests.size() + 1) + ">");
      m.appendReplacement(out, Matcher.quoteReplacement(n));
    }
    m.appendTail(out);
    return out.toString()
        .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
        .replaceAll("\\b\\d{9,}\\b", "<number>")
        .replaceAll("(sha256 |-> )[0-9a-f]{12}\\b", "$1<hash>");
  }
}
