package io.splitcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of the README: {@code console} blocks are {@code $ command} lines each
 * followed by what it prints (a line {@code ...} stands for any number of lines; {@code # exit N}
 * after the command is its exit code); {@code bash} blocks are commands to type, not run here.
 */
final class ReadmeExamples {
  static final Path README = ScriptsIT.ROOT.resolve("README.md");
  private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d)");

  /** One {@code $} line of a console block and the lines it must print. */
  record Example(String command, int exit, List<String> expected) {}

  private ReadmeExamples() {}

  static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
      if (current == null && line.equals("```" + language)) {
        current = new StringBuilder();
      } else if (current != null && line.equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  static List<Example> consoleExamples() throws IOException {
    List<Example> out = new ArrayList<>();
    for (String block : blocks("console")) {
      String command = null;
      List<String> expected = new ArrayList<>();
      for (String line : block.split("\n")) {
        if (line.startsWith("$ ")) {
          if (command != null) {
            out.add(example(command, expected));
          }
          command = line.substring(2);
          expected = new ArrayList<>();
        } else {
          expected.add(line);
        }
      }
      if (command != null) {
        out.add(example(command, expected));
      }
    }
    return out;
  }

  private static Example example(String command, List<String> expected) {
    Matcher m = EXIT.matcher(command);
    return new Example(command, m.find() ? Integer.parseInt(m.group(1)) : 0, List.copyOf(expected));
  }

  /**
   * What differs between two runs of the same thing, taken out: times, ids, pids, dates; runs of
   * spaces as one.
   */
  static String normalise(String line) {
    String s =
        line.replaceAll("sha256:[0-9a-f]{64}", "sha256:H")
            .replaceAll("\\b[0-9a-f]{12}\\b", "H")
            .replaceAll("\\d{8}-\\d{6}-\\d+", "RUN")
            .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME")
            .replaceAll(
                "[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d UTC \\d{4}", "DATE")
            .replaceAll("\\d+ ms\\b", "N ms")
            .replaceAll("\\d+(\\.\\d+)? s\\b", "N s")
            .replaceAll("\\[\\d+\\]", "[P]");
    return s.replaceAll("\\s+", " ").strip();
  }

  /**
   * Null when {@code actual} has the {@code expected} lines ({@code ...}: any lines), else what is
   * missing.
   */
  static String mismatch(List<String> expected, List<String> actual) {
    int a = 0;
    boolean skipping = false;
    for (String e : expected) {
      if (e.equals("...")) {
        skipping = true;
        continue;
      }
      String want = normalise(e);
      int found = -1;
      for (int i = a; i < actual.size() && (skipping || i == a); i++) {
        if (normalise(actual.get(i)).equals(want)) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        return "expected line '" + e + "' " + (skipping ? "after" : "at") + " line " + (a + 1);
      }
      a = found + 1;
      skipping = false;
    }
    return skipping || a == actual.size()
        ? null
        : "more lines than the README shows, from line " + (a + 1) + ": '" + actual.get(a) + "'";
  }
}
