package io.splitcheck.diff.explain;

import java.time.Instant;

/** Small formatting helpers shared by the explainers. */
final class Hex {
  private Hex() {}

  static String window(byte[] bytes, int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = Math.max(0, from); i < Math.min(bytes.length, to); i++) {
      s.append(String.format("%02x", bytes[i] & 0xff));
      if (i + 1 < Math.min(bytes.length, to)) {
        s.append(' ');
      }
    }
    return s.toString();
  }

  static int firstDifference(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return a.length == b.length ? -1 : n;
  }

  static long u32le(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24;
  }

  static String epoch(long seconds) {
    return seconds + " (" + Instant.ofEpochSecond(seconds) + ")";
  }
}
