package io.splitcheck.report;

/**
 * The one escaper for the HTML page and the JUnit XML: every string that came from an image, a
 * build or a container goes through here. Characters a format cannot carry become {@code \\uXXXX},
 * visibly.
 */
final class Markup {
  /** Where the string is written. */
  enum Mode {
    HTML,
    XML_TEXT,
    XML_ATTRIBUTE
  }

  private Markup() {}

  static String escape(String s, Mode mode) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String entity = entity(c, mode);
      if (entity != null) {
        out.append(entity);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (unrepresentable(c, mode)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String entity(char c, Mode mode) {
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> mode == Mode.XML_TEXT ? null : "&quot;";
      case '\'' -> mode == Mode.HTML ? "&#39;" : mode == Mode.XML_ATTRIBUTE ? "&apos;" : null;
      case '`' -> mode == Mode.HTML ? "&#96;" : null;
      case '\n' -> mode == Mode.XML_ATTRIBUTE ? "&#10;" : null;
      case '\t' -> mode == Mode.XML_ATTRIBUTE ? "&#9;" : null;
      case '\r' -> mode == Mode.HTML ? null : "&#13;";
      default -> null;
    };
  }

  private static boolean unrepresentable(char c, Mode mode) {
    if (c < 0x20 && c != '\n' && c != '\t') {
      return true;
    }
    return mode != Mode.HTML && (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF);
  }
}
