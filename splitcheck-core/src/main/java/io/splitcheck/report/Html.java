package io.splitcheck.report;

import java.util.Locale;

/**
 * HTML escaping: every string that came from an image, a build or a container goes through here.
 */
final class Html {
  private Html() {}

  /** Escapes for text and for double- or single-quoted attribute values. */
  static String esc(String s) {
    return Markup.escape(s, Markup.Mode.HTML);
  }

  /** An element id made only of {@code [a-z0-9-]}, for anchors. */
  static String id(String prefix, String name) {
    StringBuilder out = new StringBuilder(prefix);
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
    }
    return out.toString();
  }
}
