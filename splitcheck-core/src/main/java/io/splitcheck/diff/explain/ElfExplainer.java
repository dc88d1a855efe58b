package io.splitcheck.diff.explain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ELF objects: which sections differ, by name (a differing {@code .note.gnu.build-id} with both
 * ids, {@code .comment} with both texts, {@code .debug_*}, {@code .text}...), from the section
 * headers of both. 32- and 64-bit, either byte order.
 */
final class ElfExplainer implements FileExplainer {
  record Section(String name, long offset, long size, int type) {}

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!Explainers.startsWith(a, 0x7f, 'E', 'L', 'F')
        || !Explainers.startsWith(b, 0x7f, 'E', 'L', 'F')) {
      return null;
    }
    Map<String, Section> sa = sections(a);
    Map<String, Section> sb = sections(b);
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (Section x : sa.values()) {
      Section y = sb.get(x.name());
      if (y == null) {
        lines.add(x.name() + ": only in the first");
        continue;
      }
      byte[] bx = bytes(a, x);
      byte[] by = bytes(b, y);
      if (!Arrays.equals(bx, by)) {
        differing.add(x.name());
        evidence.add(tag(x.name()));
        lines.add(x.name() + ": " + what(x.name(), bx, by));
      }
    }
    sb.keySet().stream()
        .filter(n -> !sa.containsKey(n))
        .forEach(n -> lines.add(n + ": only in the second"));
    lines.add(
        0,
        differing.isEmpty()
            ? "every section is equal: headers or padding differ ("
                + BinaryExplainer.describe(a, b)
                + ")"
            : differing.size()
                + " of "
                + sa.size()
                + " sections differ: "
                + String.join(", ", differing));
    return new Explanation("elf", evidence, lines);
  }

  private static String tag(String name) {
    if (name.equals(".note.gnu.build-id")) {
      return "elf-build-id";
    } else if (name.startsWith(".note")) {
      return "elf-note";
    } else if (name.equals(".comment")) {
      return "elf-comment";
    } else if (name.startsWith(".debug") || name.startsWith(".zdebug")) {
      return "elf-debug";
    } else if (name.equals(".gnu_debuglink")) {
      return "elf-debuglink";
    }
    return "elf-code-or-data";
  }

  private static String what(String name, byte[] x, byte[] y) {
    if (name.equals(".note.gnu.build-id") && x.length > 16 && y.length > 16) {
      return "build-id " + hex(x, 16) + " -> " + hex(y, 16);
    }
    if (name.equals(".comment")) {
      return "'" + text(x) + "' -> '" + text(y) + "'";
    }
    return BinaryExplainer.describe(x, y);
  }

  private static String hex(byte[] note, int from) {
    return Hex.window(note, from, note.length).replace(" ", "");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1).replace('\0', ';');
  }

  private static byte[] bytes(byte[] elf, Section s) {
    if (s.type() == 8) { // SHT_NOBITS: no bytes in the file
      return new byte[0];
    }
    int from = (int) Math.min(elf.length, s.offset());
    return Arrays.copyOfRange(elf, from, (int) Math.min(elf.length, s.offset() + s.size()));
  }

  static Map<String, Section> sections(byte[] elf) {
    boolean is64 = elf[4] == 2;
    ByteBuffer buf =
        ByteBuffer.wrap(elf).order(elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    long shoff = is64 ? buf.getLong(0x28) : buf.getInt(0x20) & 0xffffffffL;
    int shentsize = buf.getShort(is64 ? 0x3a : 0x2e) & 0xffff;
    int shnum = buf.getShort(is64 ? 0x3c : 0x30) & 0xffff;
    int shstrndx = buf.getShort(is64 ? 0x3e : 0x32) & 0xffff;
    List<long[]> raw = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      int at = (int) (shoff + (long) i * shentsize);
      raw.add(
          is64
              ? new long[] {
                buf.getInt(at) & 0xffffffffL,
                buf.getInt(at + 4),
                buf.getLong(at + 0x18),
                buf.getLong(at + 0x20)
              }
              : new long[] {
                buf.getInt(at) & 0xffffffffL,
                buf.getInt(at + 4),
                buf.getInt(at + 0x10) & 0xffffffffL,
                buf.getInt(at + 0x14) & 0xffffffffL
              });
    }
    Map<String, Section> out = new LinkedHashMap<>();
    long strings = raw.isEmpty() ? 0 : raw.get(shstrndx)[2];
    for (long[] s : raw) {
      if (s[1] == 0) {
        continue; // SHT_NULL
      }
      int at = (int) (strings + s[0]);
      int end = at;
      while (end < elf.length && elf[end] != 0) {
        end++;
      }
      String name = new String(elf, at, end - at, StandardCharsets.US_ASCII);
      out.putIfAbsent(name, new Section(name, s[2], s[3], (int) s[1]));
    }
    return out;
  }
}
