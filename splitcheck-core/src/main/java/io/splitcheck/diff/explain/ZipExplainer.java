package io.splitcheck.diff.explain;

import io.splitcheck.diff.ImageArchiveReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** zip, jar, wheel: entries added or removed, their order, entry times, extra fields, contents. */
final class ZipExplainer implements FileExplainer {
  static final int MAX_LISTED = 5;

  record Item(String name, long time, byte[] extra, String comment, byte[] sha256) {}

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!Explainers.startsWith(a, 'P', 'K', 3, 4) || !Explainers.startsWith(b, 'P', 'K', 3, 4)) {
      return null;
    }
    Map<String, Item> ea = entries(a);
    Map<String, Item> eb = entries(b);
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    lines.add(ea.size() + " -> " + eb.size() + " entries");
    listed(
        lines, "only in the first", ea.keySet().stream().filter(n -> !eb.containsKey(n)).toList());
    listed(
        lines, "only in the second", eb.keySet().stream().filter(n -> !ea.containsKey(n)).toList());
    List<String> common = ea.keySet().stream().filter(eb::containsKey).toList();
    List<String> commonB = eb.keySet().stream().filter(ea::containsKey).toList();
    if (!common.equals(commonB)) {
      evidence.add("zip-order");
      int at = 0;
      while (common.get(at).equals(commonB.get(at))) {
        at++;
      }
      lines.add(
          "entry order differs from entry "
              + at
              + ": "
              + common.get(at)
              + " vs "
              + commonB.get(at));
    }
    List<String> times = new ArrayList<>();
    List<String> extras = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    for (String n : common) {
      Item x = ea.get(n);
      Item y = eb.get(n);
      if (x.time() != y.time()) {
        times.add(
            n + " " + Instant.ofEpochMilli(x.time()) + " -> " + Instant.ofEpochMilli(y.time()));
      }
      if (!Arrays.equals(x.extra(), y.extra())) {
        extras.add(
            n
                + " ["
                + Hex.window(x.extra(), 0, 12)
                + "] -> ["
                + Hex.window(y.extra(), 0, 12)
                + "]");
      }
      if (!Arrays.equals(x.sha256(), y.sha256())) {
        contents.add(n);
      }
    }
    section(lines, evidence, "zip-entry-times", "entry times differ", times);
    section(
        lines,
        evidence,
        "zip-extra-fields",
        "extra fields differ (e.g. extended timestamps)",
        extras);
    section(lines, evidence, "zip-content", "entry contents differ", contents);
    if (times.isEmpty()
        && extras.isEmpty()
        && contents.isEmpty()
        && common.equals(commonB)
        && ea.size() == eb.size()) {
      lines.add(
          "entries equal in name, order, time, extra and content: the archive's own bytes differ ("
              + BinaryExplainer.describe(a, b)
              + ")");
    }
    return new Explanation("zip", evidence, lines);
  }

  private static void section(
      List<String> lines, List<String> evidence, String tag, String what, List<String> items) {
    if (!items.isEmpty()) {
      evidence.add(tag);
      lines.add(items.size() + " " + what + ":");
      items.stream().limit(MAX_LISTED).forEach(i -> lines.add("  " + i));
      if (items.size() > MAX_LISTED) {
        lines.add("  ... and " + (items.size() - MAX_LISTED) + " more");
      }
    }
  }

  private static void listed(List<String> lines, String label, List<String> names) {
    if (!names.isEmpty()) {
      lines.add(
          names.size()
              + " "
              + label
              + ": "
              + String.join(", ", names.stream().limit(MAX_LISTED).toList())
              + (names.size() > MAX_LISTED ? ", ..." : ""));
    }
  }

  static Map<String, Item> entries(byte[] zip) {
    Map<String, Item> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      byte[] buf = new byte[8192];
      while ((e = in.getNextEntry()) != null) {
        MessageDigest d = ImageArchiveReader.newSha256();
        int n;
        while ((n = in.read(buf)) > 0) {
          d.update(buf, 0, n);
        }
        out.put(
            e.getName(),
            new Item(
                e.getName(),
                e.getTime(),
                e.getExtra() == null ? new byte[0] : e.getExtra(),
                e.getComment(),
                d.digest()));
      }
    } catch (IOException ex) {
      throw new IllegalArgumentException("not a readable zip: " + ex.getMessage(), ex);
    }
    return out;
  }
}
