package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Character classes and line helpers of BuildKit's {@code parser.go}, spelled as Go spells them.
 */
final class DockerfileLines {
  /** {@code reWhitespace}: {@code [\t\v\f\r ]+}. */
  static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

  /** bufio.MaxScanTokenSize: a longer line (newline included) is an error. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private DockerfileLines() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int ch) {
    if (ch < 0x80) {
      return ch == ' ' || (ch >= '\t' && ch <= '\r');
    }
    return ch == 0x85
        || ch == 0xA0
        || Character.getType(ch) == Character.SPACE_SEPARATOR
        || ch == 0x2028
        || ch == 0x2029;
  }

  static String trimLeft(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.codePointAt(i))) {
      i += Character.charCount(s.codePointAt(i));
    }
    return s.substring(i);
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    String left = trimLeft(s);
    int end = left.length();
    while (end > 0 && isSpace(left.codePointBefore(end))) {
      end -= Character.charCount(left.codePointBefore(end));
    }
    return left.substring(0, end);
  }

  /** {@code trimNewline}: drops every trailing CR and LF. */
  static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  static String trimLeadingTabs(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '\t') {
      i++;
    }
    return s.substring(i);
  }

  static boolean isComment(String line) {
    String t = trimLeft(line);
    return !t.isEmpty() && t.charAt(0) == '#';
  }

  /**
   * Lines as {@code bufio.Scanner} with BuildKit's {@code scanLines} gives them: each with its
   * newline.
   */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(from, end));
      from = end;
    }
    return out;
  }

  /**
   * BuildKit's {@code lineContinuationRegex}: {@code ([^E])E[ \t]*$|^E[ \t]*$} for escape E.
   * Returns the line without the escape and what follows it, or null when the line does not
   * continue (an escaped escape {@code \\} at the end does not continue).
   */
  static String withoutContinuation(String line, char escape) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    if (end == 0 || line.charAt(end - 1) != escape) {
      return null;
    }
    if (end == 1) {
      return "";
    }
    return line.charAt(end - 2) == escape ? null : line.substring(0, end - 1);
  }

  /** Splits on {@link #WHITESPACE} keeping empty pieces, as Go's {@code Regexp.Split(s, n)}. */
  static List<String> splitWhitespace(String s, int limit) {
    return List.of(WHITESPACE.split(s, limit));
  }
}
