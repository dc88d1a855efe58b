package io.splitcheck.diff;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a tar entry's name and link name, as the archive holds them. The tar library decodes
 * a PAX {@code path} as UTF-8 and replaces what is not UTF-8, so two different names can come out
 * equal; this stream sits under the tar reader, records the header blocks it reads for one entry
 * (PAX extended headers, GNU long names, the ustar header) and parses the names from them. The
 * caller {@link #arm()}s it before asking the tar reader for the next entry (the previous entry's
 * content read to its end) and takes {@link #names()} after. Recording is bounded; when it cannot
 * tell, it says null and the decoded name is used.
 */
final class RawTarNames extends FilterInputStream {
  /**
   * The names of one entry: {@code path} never null, {@code link} null when the headers hold none.
   */
  record Names(byte[] path, byte[] link) {}

  static final int MAX_RECORDED = 1 << 20;
  private static final int BLOCK = 512;

  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private long offset;
  private long armedAt = -1;

  RawTarNames(InputStream in) {
    super(in);
  }

  /** Starts recording what the tar reader reads for the next entry's headers. */
  void arm() {
    recorded.reset();
    armedAt = offset;
  }

  /** The raw names of the entry the tar reader just returned, or null when they cannot be told. */
  Names names() {
    if (armedAt < 0 || recorded.size() > MAX_RECORDED) {
      armedAt = -1;
      return null;
    }
    byte[] bytes = recorded.toByteArray();
    int start = (int) ((BLOCK - armedAt % BLOCK) % BLOCK); // after the previous entry's padding
    armedAt = -1;
    return parse(bytes, start);
  }

  static Names parse(byte[] bytes, int start) {
    byte[] paxPath = null;
    byte[] paxLink = null;
    byte[] longName = null;
    byte[] longLink = null;
    int at = start;
    while (at + BLOCK <= bytes.length) {
      if (!checksumOk(bytes, at)) {
        return null;
      }
      byte type = bytes[at + 156];
      long size = size(bytes, at + 124);
      int body = at + BLOCK;
      if (type == 'x' || type == 'L' || type == 'K') {
        if (size < 0 || body + size > bytes.length) {
          return null;
        }
        byte[] data = Arrays.copyOfRange(bytes, body, (int) (body + size));
        if (type == 'x') {
          paxPath = paxValue(data, "path", paxPath);
          paxLink = paxValue(data, "linkpath", paxLink);
        } else if (type == 'L') {
          longName = trimNul(data);
        } else {
          longLink = trimNul(data);
        }
        at = body + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
        continue;
      }
      byte[] path = paxPath != null ? paxPath : longName != null ? longName : ustarName(bytes, at);
      byte[] link =
          paxLink != null ? paxLink : longLink != null ? longLink : field(bytes, at + 157, 100);
      return new Names(path, link.length == 0 ? null : link);
    }
    return null;
  }

  private static byte[] ustarName(byte[] h, int at) {
    byte[] name = field(h, at, 100);
    boolean posix =
        h[at + 257] == 'u'
            && h[at + 258] == 's'
            && h[at + 259] == 't'
            && h[at + 260] == 'a'
            && h[at + 261] == 'r'
            && h[at + 262] == 0;
    byte[] prefix = posix ? field(h, at + 345, 155) : new byte[0];
    if (prefix.length == 0) {
      return name;
    }
    byte[] out = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
    out[prefix.length] = '/';
    System.arraycopy(name, 0, out, prefix.length + 1, name.length);
    return out;
  }

  /** The value of {@code key} among PAX records ("LEN key=value\n"), or {@code previous}. */
  private static byte[] paxValue(byte[] data, String key, byte[] previous) {
    byte[] result = previous;
    int at = 0;
    while (at < data.length) {
      int space = at;
      long len = 0;
      while (space < data.length && data[space] >= '0' && data[space] <= '9') {
        len = len * 10 + (data[space++] - '0');
      }
      if (space >= data.length || data[space] != ' ' || len <= 0 || at + len > data.length) {
        return result;
      }
      int end = (int) (at + len) - 1; // the newline
      int eq = space + 1;
      while (eq < end && data[eq] != '=') {
        eq++;
      }
      String k = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
      if (k.equals(key) && eq < end) {
        result = Arrays.copyOfRange(data, eq + 1, end);
      }
      at = (int) (at + len);
    }
    return result;
  }

  private static byte[] field(byte[] h, int at, int len) {
    int end = at;
    while (end < at + len && h[end] != 0) {
      end++;
    }
    return Arrays.copyOfRange(h, at, end);
  }

  private static byte[] trimNul(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(data, end);
  }

  /** Octal, or base-256 when the first byte's high bit is set; -1 when neither. */
  private static long size(byte[] h, int at) {
    if ((h[at] & 0x80) != 0) {
      long v = 0;
      for (int i = 1; i < 12; i++) {
        v = (v << 8) | (h[at + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = at; i < at + 12; i++) {
      byte b = h[i];
      if (b == 0 || b == ' ') {
        if (v > 0) {
          break;
        }
        continue;
      }
      if (b < '0' || b > '7') {
        return -1;
      }
      v = v * 8 + (b - '0');
    }
    return v;
  }

  private static boolean checksumOk(byte[] h, int at) {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : h[at + i];
      unsigned += b & 0xff;
      signed += b;
    }
    long stored = 0;
    for (int i = at + 148; i < at + 156; i++) {
      byte b = h[i];
      if (b >= '0' && b <= '7') {
        stored = stored * 8 + (b - '0');
      } else if (stored > 0 || b == 0) {
        break;
      }
    }
    return stored == unsigned || stored == signed;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      offset++;
      record(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      offset += n;
      if (armedAt >= 0 && recorded.size() <= MAX_RECORDED) {
        recorded.write(b, off, Math.min(n, MAX_RECORDED + 1 - recorded.size()));
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    offset += Math.max(0, skipped);
    if (armedAt >= 0 && skipped > 0) {
      armedAt = -2; // something unseen went by: this entry's names cannot be told
    }
    return skipped;
  }

  private void record(int b) {
    if (armedAt >= 0 && recorded.size() <= MAX_RECORDED) {
      recorded.write(b);
    }
  }
}
