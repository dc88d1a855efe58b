package io.splitcheck.engine;

import java.nio.charset.StandardCharsets;

/**
 * The first bytes of one output stream of a container.
 *
 * @param text the kept bytes, decoded as UTF-8 (malformed input replaced)
 * @param totalBytes how many bytes the stream had in all
 * @param truncated whether bytes beyond the cap were dropped
 */
public record CappedOutput(String text, long totalBytes, boolean truncated) {
  public static final CappedOutput EMPTY = new CappedOutput("", 0, false);

  /** The text with a note appended when it was cut. */
  public String textWithNote() {
    if (!truncated) {
      return text;
    }
    long kept = text.getBytes(StandardCharsets.UTF_8).length;
    return text + "\n[splitcheck: output cut after " + kept + " of " + totalBytes + " bytes]\n";
  }

  /** Collects at most {@code cap} bytes and counts the rest; memory stays bounded. */
  public static final class Collector {
    private final byte[] buffer;
    private int kept;
    private long total;

    public Collector(int cap) {
      this.buffer = new byte[cap];
    }

    public void accept(byte[] bytes) {
      accept(bytes, 0, bytes.length);
    }

    public synchronized void accept(byte[] bytes, int offset, int length) {
      total += length;
      int n = Math.min(length, buffer.length - kept);
      if (n > 0) {
        System.arraycopy(bytes, offset, buffer, kept, n);
        kept += n;
      }
    }

    public synchronized CappedOutput result() {
      return new CappedOutput(
          new String(buffer, 0, kept, StandardCharsets.UTF_8), total, total > kept);
    }
  }
}
