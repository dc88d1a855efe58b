package io.splitcheck.diff.explain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ar archives ({@code .deb}, {@code .a}): members added, removed or reordered, their header fields
 * (mtime, uid, gid, mode) and their contents, a differing member explained in turn.
 */
final class ArExplainer implements FileExplainer {
  static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
  private final int depth;

  ArExplainer(int depth) {
    this.depth = depth;
  }

  record Member(String name, long mtime, String uid, String gid, String mode, byte[] data) {}

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!Arrays.equals(a, 0, Math.min(8, a.length), MAGIC, 0, 8)
        || !Arrays.equals(b, 0, Math.min(8, b.length), MAGIC, 0, 8)) {
      return null;
    }
    Map<String, Member> ma = members(a);
    Map<String, Member> mb = members(b);
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    lines.add(
        "members " + ma.keySet() + (ma.keySet().equals(mb.keySet()) ? "" : " -> " + mb.keySet()));
    if (!List.copyOf(ma.keySet()).equals(List.copyOf(mb.keySet()))) {
      evidence.add("ar-members");
    }
    for (Member x : ma.values()) {
      Member y = mb.get(x.name());
      if (y == null) {
        continue;
      }
      if (x.mtime() != y.mtime()) {
        lines.add(
            x.name() + ": header mtime " + Hex.epoch(x.mtime()) + " -> " + Hex.epoch(y.mtime()));
        evidence.add("ar-mtime");
      }
      if (!x.uid().equals(y.uid()) || !x.gid().equals(y.gid()) || !x.mode().equals(y.mode())) {
        lines.add(
            x.name()
                + ": header uid/gid/mode "
                + x.uid()
                + "/"
                + x.gid()
                + "/"
                + x.mode()
                + " -> "
                + y.uid()
                + "/"
                + y.gid()
                + "/"
                + y.mode());
        evidence.add("ar-owner");
      }
      if (!Arrays.equals(x.data(), y.data())) {
        evidence.add("ar-content");
        Explainers.nested(
            x.name() + " differs", x.name(), x.data(), y.data(), depth, lines, evidence);
      }
    }
    return new Explanation("ar", evidence, lines);
  }

  static Map<String, Member> members(byte[] ar) {
    Map<String, Member> out = new LinkedHashMap<>();
    int at = 8;
    while (at + 60 <= ar.length) {
      String name = field(ar, at, 16);
      long mtime = Long.parseLong(field(ar, at + 16, 12).isEmpty() ? "0" : field(ar, at + 16, 12));
      long size = Long.parseLong(field(ar, at + 48, 10));
      int from = at + 60;
      int to = (int) Math.min(ar.length, from + size);
      if (name.endsWith("/") && !name.equals("/") && !name.equals("//")) {
        name = name.substring(0, name.length() - 1);
      }
      out.put(
          name,
          new Member(
              name,
              mtime,
              field(ar, at + 28, 6),
              field(ar, at + 34, 6),
              field(ar, at + 40, 8),
              Arrays.copyOfRange(ar, from, to)));
      at = (int) (from + size + (size & 1));
    }
    return out;
  }

  private static String field(byte[] b, int at, int len) {
    return new String(b, at, len, StandardCharsets.US_ASCII).trim();
  }
}
