package io.splitcheck.diff.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python bytecode (PEP 552 header, Python 3.7+): magic, the flags that say timestamp-based or
 * hash-based, the source mtime and size or the source hash, and whether the marshalled code object
 * is the same.
 */
final class PycExplainer implements FileExplainer {
  static final int HEADER = 16;

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!path.endsWith(".pyc") || !isPyc(a) || !isPyc(b)) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    if (!Arrays.equals(a, 0, 4, b, 0, 4)) {
      lines.add(
          "magic (Python version) differs: " + Hex.window(a, 0, 4) + " -> " + Hex.window(b, 0, 4));
      evidence.add("pyc-magic");
    }
    long fa = Hex.u32le(a, 4);
    long fb = Hex.u32le(b, 4);
    lines.add("header: " + kind(fa) + (fa == fb ? "" : " -> " + kind(fb)));
    if ((fa & 1) == 0 && (fb & 1) == 0) {
      evidence.add("pyc-timestamp-based");
      long ma = Hex.u32le(a, 8);
      long mb = Hex.u32le(b, 8);
      if (ma != mb) {
        lines.add("source mtime: " + Hex.epoch(ma) + " -> " + Hex.epoch(mb));
        evidence.add("pyc-source-mtime");
      }
      long sa = Hex.u32le(a, 12);
      long sb = Hex.u32le(b, 12);
      if (sa != sb) {
        lines.add("source size: " + sa + " -> " + sb);
        evidence.add("pyc-source-size");
      }
    } else if (!Arrays.equals(a, 8, 16, b, 8, 16)) {
      lines.add("source hash: " + Hex.window(a, 8, 16) + " -> " + Hex.window(b, 8, 16));
      evidence.add("pyc-source-hash");
    }
    if (Arrays.equals(a, HEADER, a.length, b, HEADER, b.length)) {
      lines.add(
          "the code object is the same ("
              + (a.length - HEADER)
              + " bytes of marshalled code): "
              + "only the header differs");
      evidence.add("pyc-header-only");
    } else {
      byte[] ca = Arrays.copyOfRange(a, HEADER, a.length);
      byte[] cb = Arrays.copyOfRange(b, HEADER, b.length);
      lines.add(
          "the code object differs: "
              + BinaryExplainer.describe(ca, cb)
              + " (offsets in the marshalled code; a differing reference flag is marshal's interning, not the source)");
      evidence.add("pyc-code");
    }
    return new Explanation("pyc", evidence, lines);
  }

  private static String kind(long flags) {
    if ((flags & 1) == 0) {
      return "timestamp-based (flags 0)";
    }
    return (flags & 2) != 0 ? "hash-based, checked (flags 3)" : "hash-based, unchecked (flags 1)";
  }

  static boolean isPyc(byte[] b) {
    return b.length >= HEADER && b[2] == '\r' && b[3] == '\n';
  }
}
