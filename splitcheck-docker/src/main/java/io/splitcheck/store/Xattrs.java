package io.splitcheck.store;

import com.sun.jna.Library;
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
  private interface LibC extends Library {
    long lgetxattr(byte[] path, String name, byte[] value, long size);

    long readlink(byte[] path, byte[] buf, long size);
  }

  private static final LibC LIBC = Native.load("c", LibC.class);

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
    byte[] buf = new byte[256];
    while (true) {
      long n = LIBC.lgetxattr(cPath, name, buf, buf.length);
      if (n >= 0) {
        return Arrays.copyOf(buf, (int) n);
      }
      int errno = Native.getLastError();
      if (errno == 34 && buf.length < 65536) { // ERANGE: a bigger buffer
        buf = new byte[buf.length * 16];
        continue;
      }
      return null; // ENODATA, ENOTSUP: none
    }
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
    long n = LIBC.readlink(cPath, buf, buf.length);
    return n < 0 ? null : Arrays.copyOf(buf, (int) n);
  }
}
