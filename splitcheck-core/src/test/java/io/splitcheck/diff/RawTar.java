package io.splitcheck.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Layer tars whose names are bytes, written the way the engine's tar writer (Go's archive/tar)
 * writes them: a name that is not ASCII goes into a PAX {@code path} record as its raw bytes, the
 * ustar name field holding an ASCII stand-in. {@link #ustar} puts raw bytes into the ustar name
 * field instead.
 */
final class RawTar {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;
  private int pax;

  RawTar() {
    tar = new TarArchiveOutputStream(bytes, "ISO-8859-1"); // a name's chars are its bytes
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  static byte[] b(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A regular file named by a PAX path record holding {@code name}'s raw bytes. */
  RawTar paxFile(byte[] name, String content, Instant mtime) {
    paxRecord("path", name);
    return put("stand-in", TarConstants.LF_NORMAL, content, 0100644, mtime, null);
  }

  /** A regular file whose ustar name field holds the raw bytes. */
  RawTar ustar(byte[] name, String content, Instant mtime) {
    return put(
        new String(name, StandardCharsets.ISO_8859_1),
        TarConstants.LF_NORMAL,
        content,
        0100644,
        mtime,
        null);
  }

  RawTar dir(String name, Instant mtime) {
    return put(name, TarConstants.LF_DIR, null, 040755, mtime, null);
  }

  RawTar file(String name, String content, Instant mtime) {
    return put(name, TarConstants.LF_NORMAL, content, 0100644, mtime, null);
  }

  RawTar hardLink(String name, String target, Instant mtime) {
    return put(name, TarConstants.LF_LINK, null, 0100644, mtime, target);
  }

  /** {@code dir/.wh..wh..opq} as the engine writes it: mtime 0, the directory's mode. */
  RawTar opaqueMarker(String dir) {
    return put(dir + ".wh..wh..opq", TarConstants.LF_NORMAL, "", 0100755, Instant.EPOCH, null);
  }

  byte[] bytes() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void paxRecord(String key, byte[] value) {
    byte[] tail = concat(b(" " + key + "="), value, b("\n"));
    int len = tail.length + 1;
    while (String.valueOf(len).length() + tail.length != len) {
      len++;
    }
    byte[] record = concat(b(String.valueOf(len)), tail);
    put(
        "PaxHeaders." + pax++ + "/x",
        TarConstants.LF_PAX_EXTENDED_HEADER_LC,
        record,
        0644,
        Instant.EPOCH,
        null);
  }

  private RawTar put(String name, byte type, Object content, int mode, Instant mtime, String link) {
    try {
      TarArchiveEntry e = new TarArchiveEntry(name, type);
      byte[] data =
          content == null
              ? new byte[0]
              : content instanceof byte[] raw
                  ? raw
                  : ((String) content).getBytes(StandardCharsets.UTF_8);
      if (link != null) {
        e.setLinkName(link);
      }
      e.setSize(data.length);
      e.setMode(mode);
      e.setLastModifiedTime(FileTime.from(mtime));
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
