package io.splitcheck.store;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Extended attributes of any namespace, read without following a symlink ({@code lgetxattr(2)} through
 * JNA): Java's own view reads only {@code user.*}, and an overlay2 layer keeps its opaque-directory
 * marks in {@code trusted.*}.
 */
final class Xattrs {
  private interface LibC extends Library {
    long lgetxattr(String path, String name, byte[] value, long size);
  }

  private static final LibC LIBC = Native.load("c", LibC.class);

  private Xattrs() {}

  /** The attribute's bytes, or null when the file has none by that name. */
  static byte[] get(Path path, String name) {
    byte[] buf = new byte[256];
    while (true) {
      long n = LIBC.lgetxattr(path.toString(), name, buf, buf.length);
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
  static boolean is(Path path, String name, String expected) {
    byte[] v = get(path, name);
    return v != null && Arrays.equals(v, expected.getBytes(StandardCharsets.US_ASCII));
  }
}
