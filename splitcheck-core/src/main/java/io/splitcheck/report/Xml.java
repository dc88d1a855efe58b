package io.splitcheck.report;

/** Escaping for XML 1.0 text and attributes; characters XML cannot carry become {@code \\uXXXX}. */
final class Xml {
  private Xml() {}

  static String text(String s) {
    return Markup.escape(s, Markup.Mode.XML_TEXT);
  }

  static String attr(String s) {
    return Markup.escape(s, Markup.Mode.XML_ATTRIBUTE);
  }
}
