package io.splitcheck.diff.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes: sizes, the first differing offset with a hex window around it, how many bytes differ.
 */
final class BinaryExplainer implements FileExplainer {
  static final int WINDOW = 16;

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    List<String> lines = new ArrayList<>();
    lines.add(describe(a, b));
    return new Explanation("binary", List.of("bytes"), lines);
  }

  /** One line: where the bytes first differ, both windows, and how many differ at equal offsets. */
  static String describe(byte[] a, byte[] b) {
    int at = Hex.firstDifference(a, b);
    if (at < 0) {
      return "the bytes read are equal (" + a.length + " bytes)";
    }
    int differing = 0;
    for (int i = at; i < Math.min(a.length, b.length); i++) {
      differing += a[i] != b[i] ? 1 : 0;
    }
    int from = Math.max(0, at - 4);
    return "first difference at offset "
        + at
        + " (0x"
        + Integer.toHexString(at)
        + "); "
        + differing
        + " of "
        + Math.min(a.length, b.length)
        + " bytes differ at equal offsets"
        + (a.length != b.length ? "; sizes " + a.length + " -> " + b.length : "")
        + "; at 0x"
        + Integer.toHexString(from)
        + ": ["
        + Hex.window(a, from, from + WINDOW)
        + "] -> ["
        + Hex.window(b, from, from + WINDOW)
        + "]";
  }
}
