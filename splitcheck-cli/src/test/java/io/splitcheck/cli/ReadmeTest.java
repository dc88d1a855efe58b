package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's examples that are not run here: the commands of its {@code bash} blocks name scripts
 * that exist and CLI options the CLI parses; its test command is the one {@code .ci/run} runs; its
 * Maven snippet names the plugin's coordinates. (The {@code console} blocks run in {@link
 * ReadmeIT}.)
 */
class ReadmeTest {
  @Test
  void bashBlocks_nameScriptsThatExist_andOptionsTheCliParses() throws Exception {
    int parsed = 0;
    for (String block : ReadmeExamples.blocks("bash")) {
      for (String line : block.split("\n")) {
        String command = line.replaceAll("\\s+#.*$", "").strip();
        if (!command.startsWith("scripts/")) {
          continue;
        }
        List<String> words = new ArrayList<>(Arrays.asList(command.split("\\s+")));
        assertTrue(
            Files.isExecutable(ScriptsIT.ROOT.resolve(words.get(0))),
            "README names " + words.get(0));
        if (words.get(0).equals("scripts/splitcheck") && words.size() > 1) {
          words.remove(0);
          Main.commandLine(words.get(0))
              .parseArgs(words.toArray(String[]::new)); // throws on an unknown option
          parsed++;
        }
      }
    }
    assertTrue(parsed >= 4, "splitcheck commands checked: " + parsed);
  }

  @Test
  void theTwoSetUpCommands_areTheMainJobAndTheTestCommandCiRuns() throws Exception {
    String setUp =
        ReadmeExamples.blocks("bash").stream()
            .filter(b -> b.contains("scripts/verify"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no block with the test command"));
    assertTrue(setUp.contains("scripts/splitcheck run scenarios"), setUp);
    String ci = Files.readString(ScriptsIT.ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
    assertTrue(ci.lines().anyMatch(l -> l.strip().equals("exec scripts/verify")), ci);
  }

  @Test
  void mavenSnippet_namesThePluginsCoordinates() throws Exception {
    String pom =
        Files.readString(
            ScriptsIT.ROOT.resolve("splitcheck-maven-plugin/pom.xml"), StandardCharsets.UTF_8);
    String parent = Files.readString(ScriptsIT.ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    String version = between(parent, "<version>", "</version>");
    String snippet = ReadmeExamples.blocks("xml").get(0);
    assertTrue(pom.contains("<artifactId>splitcheck-maven-plugin</artifactId>"));
    assertTrue(
        snippet.contains(
            "<groupId>io.splitcheck</groupId><artifactId>splitcheck-maven-plugin</artifactId>"
                + "<version>"
                + version
                + "</version>"),
        snippet);
  }

  @Test
  void mismatch_letsDotsStandForAnyLines_andIgnoresTimesAndIds() {
    assertNull(
        ReadmeExamples.mismatch(
            List.of("a (1a5942b31c24)", "...", "z 12 ms"),
            List.of("a (0bf64e1555f5)", "b", "c", "z   340 ms")));
    assertEquals(
        "expected line 'q' after line 2",
        ReadmeExamples.mismatch(List.of("a", "...", "q"), List.of("a", "b")));
    assertEquals(
        "more lines than the README shows, from line 2: 'b'",
        ReadmeExamples.mismatch(List.of("a"), List.of("a", "b")));
  }

  private static String between(String text, String open, String close) {
    int project = text.indexOf("<artifactId>splitcheck-parent</artifactId>");
    int from = text.indexOf(open, Math.max(0, project)) + open.length();
    return text.substring(from, text.indexOf(close, from));
  }
}
