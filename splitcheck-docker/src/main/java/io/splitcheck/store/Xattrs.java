package io.splitcheck.store;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Extended attributes of any namespace and symlink targets, read without following a symlink
 * ({@code lgetxattr(2)}, {@code readlink(2)} through JNA) and named by the path's bytes: Java's own
 * view reads only {@code user.*}, an overlay2 layer keeps its opaque-directory marks in {@code
 * trusted.*}, and a name that is not UTF-8 does not survive a Java string.
 */
final class Xattrs {
  /**
   * Direct-mapped (JNA binds the natives once): a layer walk asks two of these per entry, and calls
   * through a {@code Library} proxy cost several times more, measured as 40% of a walk.
   */
  private static final class LibC {
    static {
      Native.register("c");
    }

    static native long lgetxattr(byte[] path, String name, byte[] value, long size);

    static native long readlink(byte[] path, byte[] buf, long size);
  }

  private Xattrs() {}

  /** The attribute's bytes, or null when the file has none by that name. */
  static byte[] get(Path path, String name) {
    return get(path.toString().getBytes(StandardCharsets.UTF_8), name);
  }

  /**
   * @param path the file's path as bytes (no NUL)
   */
  static byte[] get(byte[] path, String name) {
    byte[] cPath = Arrays.copyOf(path, path.length + 1);
    // one call for what most entries are, a file with none by that name (ENODATA, ENOTSUP): with
    // no buffer the call gives the value's size, or fails when there is none
    for (int tries = 0; tries < 4; tries++) {
      long size = LibC.lgetxattr(cPath, name, null, 0);
      if (size < 0 || size > 65536) {
        return null;
      }
      byte[] buf = new byte[(int) size];
      long n = size == 0 ? 0 : LibC.lgetxattr(cPath, name, buf, buf.length);
      if (n >= 0) {
        return Arrays.copyOf(buf, (int) n);
      }
      // it grew between the two calls (ERANGE) or went: ask again
    }
    return null;
  }

  /** True when {@code name} holds exactly {@code expected} (as ASCII). */
  static boolean is(byte[] path, String name, String expected) {
    byte[] v = get(path, name);
    return v != null && Arrays.equals(v, expected.getBytes(StandardCharsets.US_ASCII));
  }

  /** A symlink's target as bytes; null when {@code path} is not a symlink one can read. */
  static byte[] readlink(byte[] path) {
    byte[] cPath = Arrays.copyOf(path, path.length + 1);
    byte[] buf = new byte[4096];
    long n = LibC.readlink(cPath, buf, buf.length);
    return n < 0 ? null : Arrays.copyOf(buf, (int) n);
  }
}
