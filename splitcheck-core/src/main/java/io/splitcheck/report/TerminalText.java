package io.splitcheck.report;

/**
 * Text bound for a terminal, made inert: a file name, a container's output or a daemon's message
 * may hold ESC, BEL, CR, backspace or C1 sequences that would move the cursor, rewrite lines
 * already shown, set the window title or reach the clipboard. Every console line splitcheck prints
 * goes through {@link #escape} (or {@link #line}: redacted, then escaped); the renderers' own
 * colours are added after it, never taken from the text.
 */
public final class TerminalText {
  private TerminalText() {}

  /**
   * {@code text} with every C0 control but newline and tab, DEL, every C1 control and the Unicode
   * bidirectional overrides written as {@code \xhh} or {@code \\uhhhh} (lower-case hex, the form
   * path names take in every report, {@code model/PathNames}); null stays null. Backslashes are
   * left as they are: path names arrive already escaped by PathNames (which doubles their own
   * backslashes), and a literal backslash in other text controls nothing.
   */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(c, i + 1 < text.length() ? text.charAt(i + 1) : 0);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        out.append(replacement != null ? replacement : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }

  /** A console line of text from outside: secrets redacted, then controls escaped. */
  public static String line(String text) {
    return escape(Redactor.standard().redact(text));
  }

  private static String replacement(char c, char next) {
    if (c == '\n' || c == '\t') {
      return null;
    }
    if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
      return String.format("\\x%02x", (int) c);
    }
    if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
