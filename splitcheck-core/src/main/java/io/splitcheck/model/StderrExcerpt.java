package io.splitcheck.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stderr line that says what failed: the exception line that ends a Python traceback, else the
 * first line that reports an error ("error", "denied", "not permitted", "cannot", ...), else the
 * first non-blank line; control characters replaced, at most {@link #MAX_CHARS} characters.
 */
public final class StderrExcerpt {

  public static final int MAX_CHARS = 200;
  private static final String TRACEBACK = "Traceback (most recent call last):";
  private static final Pattern TELLING =
      Pattern.compile(
          "error|denied|not permitted|cannot|can't|could not|couldn't|failed|unable|fatal|not found"
              + "|no such|read-only|refused|unreachable|killed|abort|panic");

  private StderrExcerpt() {}

  /** The telling line of {@code stderr}, empty when it has no non-blank line. */
  public static Optional<String> of(String stderr) {
    if (stderr == null) {
      return Optional.empty();
    }
    List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(bound(pick(lines)));
  }

  private static String pick(List<String> lines) {
    int tb = lines.lastIndexOf(TRACEBACK);
    if (tb >= 0) {
      // the exception line: the first unindented line after the traceback's frames
      for (int i = tb + 1; i < lines.size(); i++) {
        if (!Character.isWhitespace(lines.get(i).charAt(0))) {
          return lines.get(i);
        }
      }
    }
    return lines.stream()
        .filter(l -> !l.equals(TRACEBACK))
        .filter(l -> TELLING.matcher(l.toLowerCase(Locale.ROOT)).find())
        .findFirst()
        .orElse(lines.get(0));
  }

  private static String bound(String line) {
    String clean = line.strip().replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= MAX_CHARS ? clean : clean.substring(0, MAX_CHARS - 1) + "…";
  }
}
