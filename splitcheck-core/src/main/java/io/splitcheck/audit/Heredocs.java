package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where BuildKit sees heredocs ({@code heredocsFromLine}, {@code ParseHeredoc}): the line is split
 * into shell words with quotes and escapes kept, and each word that is {@code
 * [fd]<<[-][spaces]NAME} (no further {@code <}) opens one. So {@code "<<EOF"} in quotes and {@code
 * <<<} here-strings do not; {@code << EOF} does. A word that cannot be lexed (an open quote) means
 * no heredoc on the line.
 */
final class Heredocs {
  /** {@code reHeredoc}: {@code ^(\d*)<<(-?)\s*([^<]*)$} with Go's {@code \s}. */
  private static final Pattern MARKER = Pattern.compile("([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)");

  /**
   * A heredoc marker: the terminator, the file descriptor, {@code <<-} (strip tabs), and no quotes
   * (expand).
   */
  record Marker(String name, int fileDescriptor, boolean chomp, boolean expand) {}

  private Heredocs() {}

  static List<Marker> fromLine(String line) {
    List<String> words;
    try {
      words = new ShellLex('\\', true, true).words(line);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    List<Marker> out = new ArrayList<>();
    for (String word : words) {
      Marker m = parse(word);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /** {@code ParseHeredoc}: null when {@code word} is not a heredoc marker. */
  static Marker parse(String word) {
    Matcher m = MARKER.matcher(word);
    if (!m.matches() || m.group(3).isEmpty()) {
      return null;
    }
    String rest = m.group(3);
    List<String> words = new ShellLex('\\', false, false).words(rest);
    if (words.size() != 1) {
      return null;
    }
    List<String> raw = new ShellLex('\\', true, false).words(rest);
    if (raw.size() != words.size()) {
      throw new IllegalArgumentException(
          "internal lexing of heredoc produced inconsistent results: " + rest);
    }
    return new Marker(
        words.get(0),
        fd(m.group(1)),
        !m.group(2).isEmpty(),
        quotes(words.get(0)) == quotes(raw.get(0)));
  }

  private static int fd(String digits) {
    try {
      return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long quotes(String s) {
    return s.chars().filter(c -> c == '\'' || c == '"').count();
  }
}
