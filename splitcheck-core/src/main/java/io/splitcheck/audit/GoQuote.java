package io.splitcheck.audit;

import java.util.List;

/**
 * Go's {@code strconv.Quote} and {@code fmt %q} of a string slice, for BuildKit's AST dump format.
 */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().forEach(c -> append(out, c));
    return out.append('"').toString();
  }

  static String quote(List<String> list) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      out.append(i == 0 ? "" : " ").append(quote(list.get(i)));
    }
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, int c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 7 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 11 -> out.append("\\v");
      default -> {
        if (printable(c)) {
          out.appendCodePoint(c);
        } else if (c < 0x80) {
          out.append(String.format("\\x%02x", c));
        } else if (c < 0x10000) {
          out.append(String.format("\\u%04x", c));
        } else {
          out.append(String.format("\\U%08x", c));
        }
      }
    }
  }

  /**
   * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space.
   */
  private static boolean printable(int c) {
    if (c < 0x80) {
      return c >= 0x20 && c < 0x7f;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
