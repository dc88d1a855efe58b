package io.splitcheck.diff.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains a differing regular file by its format, the first that recognises both versions: ELF,
 * gzip, zip/jar, ar/.deb, tar, .pyc, the account files (/etc/shadow, /etc/passwd, /etc/group,
 * gshadow), text, and any other bytes. Pure: bytes in, an {@link Explanation} out. Inputs are the
 * first {@link #MAX_INPUT} bytes of each file (an explanation of a longer file says so).
 */
public final class Explainers {
  public static final int MAX_LINES = 24;
  public static final int MAX_LINE = 200;

  /** How much of each file is read to explain it. */
  public static final int MAX_INPUT = 4 << 20;

  /** Nested formats (a tar in a gzip in a .deb) are explained this deep. */
  static final int MAX_DEPTH = 3;

  private Explainers() {}

  /**
   * @param a the first build's bytes (at most {@link #MAX_INPUT}), {@code b} the second's
   */
  public static Explanation explain(String path, byte[] a, byte[] b) {
    return explain(path, a, b, 0);
  }

  static Explanation explain(String path, byte[] a, byte[] b, int depth) {
    List<FileExplainer> chain = new ArrayList<>();
    if (depth < MAX_DEPTH) {
      chain.addAll(
          List.of(
              new ElfExplainer(),
              new GzipExplainer(depth),
              new ZipExplainer(),
              new ArExplainer(depth),
              new TarExplainer()));
    }
    chain.addAll(
        List.of(
            new PycExplainer(),
            new AccountsExplainer(),
            new TextExplainer(),
            new BinaryExplainer()));
    for (FileExplainer e : chain) {
      try {
        Explanation x = e.explain(path, a, b);
        if (x != null) {
          return x;
        }
      } catch (RuntimeException malformed) {
        // a file that looks like a format and is not: the next explainer (in the end, the bytes)
      }
    }
    throw new IllegalStateException("the binary explainer explains anything");
  }

  static List<String> bound(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (out.size() == MAX_LINES) {
        out.set(MAX_LINES - 1, "... (" + (lines.size() - MAX_LINES + 1) + " more lines)");
        break;
      }
      out.add(l.length() > MAX_LINE ? l.substring(0, MAX_LINE - 3) + "..." : l);
    }
    return List.copyOf(out);
  }

  static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Nested bytes explained, their lines indented under {@code label}. */
  static void nested(
      String label,
      String path,
      byte[] a,
      byte[] b,
      int depth,
      List<String> lines,
      List<String> evidence) {
    Explanation inner = explain(path, a, b, depth + 1);
    lines.add(label + " (" + inner.format() + "):");
    inner.lines().forEach(l -> lines.add("  " + l));
    evidence.addAll(inner.evidence());
  }
}
