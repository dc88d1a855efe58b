package io.splitcheck.diff.explain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * gzip (RFC 1952): the header fields that differ (MTIME, FNAME, OS, XFL, FLG) and whether the
 * decompressed data differs; when it does, that data explained in turn (a tar, text...).
 */
final class GzipExplainer implements FileExplainer {
  private final int depth;

  GzipExplainer(int depth) {
    this.depth = depth;
  }

  record Header(int flags, long mtime, int xfl, int os, String name) {}

  static Header header(byte[] g) {
    int flags = g[3] & 0xff;
    String name = null;
    if ((flags & 0x08) != 0) {
      int at = 10;
      if ((flags & 0x04) != 0) {
        at += 2 + ((g[10] & 0xff) | (g[11] & 0xff) << 8);
      }
      int end = at;
      while (end < g.length && g[end] != 0) {
        end++;
      }
      name = new String(g, at, end - at, StandardCharsets.ISO_8859_1);
    }
    return new Header(flags, Hex.u32le(g, 4), g[8] & 0xff, g[9] & 0xff, name);
  }

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!Explainers.startsWith(a, 0x1f, 0x8b)
        || !Explainers.startsWith(b, 0x1f, 0x8b)
        || a.length < 18
        || b.length < 18) {
      return null;
    }
    Header ha = header(a);
    Header hb = header(b);
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    if (ha.mtime() != hb.mtime()) {
      lines.add("header MTIME: " + Hex.epoch(ha.mtime()) + " -> " + Hex.epoch(hb.mtime()));
      evidence.add("gzip-mtime");
    }
    if (!Objects.equals(ha.name(), hb.name())) {
      lines.add("header FNAME: " + ha.name() + " -> " + hb.name());
      evidence.add("gzip-name");
    }
    if (ha.os() != hb.os()) {
      lines.add("header OS: " + ha.os() + " -> " + hb.os());
      evidence.add("gzip-os");
    }
    if (ha.xfl() != hb.xfl() || ha.flags() != hb.flags()) {
      lines.add(
          "header FLG/XFL: " + ha.flags() + "/" + ha.xfl() + " -> " + hb.flags() + "/" + hb.xfl());
      evidence.add("gzip-flags");
    }
    if (ha.mtime() != 0 || ha.name() != null) {
      evidence.add("gzip-no-n");
    }
    byte[] da = inflate(a);
    byte[] db = inflate(b);
    if (Arrays.equals(da, db)) {
      lines.add(
          "the decompressed data is equal (" + da.length + " bytes): only the gzip stream differs");
    } else {
      evidence.add("gzip-payload");
      Explainers.nested(
          "the decompressed data differs",
          path.replaceFirst("\\.gz$", ""),
          da,
          db,
          depth,
          lines,
          evidence);
    }
    return new Explanation("gzip", evidence, lines);
  }

  static byte[] inflate(byte[] g) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(g))) {
      return in.readNBytes(Explainers.MAX_INPUT);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a whole gzip stream: " + e.getMessage(), e);
    }
  }
}
