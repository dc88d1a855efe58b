package io.splitcheck.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verdict colours for the console text of matrix, twice (with {@code --vary}), audit and run: green
 * for what passed, red for what split or differs, yellow for what could not be decided. Applied to
 * text already escaped ({@link io.splitcheck.report.TerminalText}), so the only escape sequences in
 * it are these.
 */
final class Colours {
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD_RED = "\u001b[1;31m";
  private static final String RESET = "\u001b[0m";

  private record Rule(Pattern line, String colour) {}

  /** The first rule a line matches paints its matched part. */
  private static final List<Rule> RULES =
      List.of(
          new Rule(Pattern.compile("^no split$"), GREEN),
          new Rule(Pattern.compile("^\\d+ splits?:$"), RED),
          new Rule(Pattern.compile("^inconclusive:"), YELLOW),
          new Rule(Pattern.compile("^verdict: reproducible\\b"), GREEN),
          new Rule(Pattern.compile("^verdict: \\S+"), RED),
          // twice --vary: each variation's verdict, indented under its name
          new Rule(Pattern.compile("(?<=^ {4})verdict reproducible\\b"), GREEN),
          new Rule(Pattern.compile("(?<=^ {4})verdict [^\\s,]+"), RED),
          new Rule(Pattern.compile("^ERROR\\b"), BOLD_RED),
          new Rule(Pattern.compile("^WARNING\\b"), YELLOW),
          new Rule(Pattern.compile("^0 error\\(s\\), 0 warning\\(s\\)"), GREEN));

  private Colours() {}

  /** {@code text} with its verdict words painted when {@code on}, else as it is. */
  static String paint(String text, boolean on) {
    if (!on || text.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (String line : text.split("\n", -1)) {
      out.append(paintLine(line)).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static String paintLine(String line) {
    for (Rule r : RULES) {
      Matcher m = r.line().matcher(line);
      if (m.find()) {
        return line.substring(0, m.start())
            + r.colour()
            + m.group()
            + RESET
            + line.substring(m.end());
      }
    }
    return line;
  }
}
