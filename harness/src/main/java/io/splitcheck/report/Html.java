package io.splitcheck.report;

/** HTML escaping: every string that came from an image, a build or a container goes through here. */
final class Html {
  private Html() {}

  /** Escapes for text and for double- or single-quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '`' -> out.append("&#96;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** An element id made only of {@code [a-z0-9-]}, for anchors. */
  static String id(String prefix, String name) {
    StringBuilder out = new StringBuilder(prefix);
    for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
    }
    return out.toString();
  }
}
