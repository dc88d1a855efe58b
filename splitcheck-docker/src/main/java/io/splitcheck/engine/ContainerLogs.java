package io.splitcheck.engine;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an exited container's stdout and stderr, keeping the first bytes of each. The engine sends
 * a container without a TTY as frames: one byte for the stream (1 stdout, 2 stderr), three zero
 * bytes, the payload's length as a big-endian int, the payload.
 */
final class ContainerLogs {
  private ContainerLogs() {}

  /** {stdout, stderr}; the whole log is streamed but at most {@code cap} bytes of each are kept. */
  static CappedOutput[] read(EngineApi api, String id, int cap) throws EngineException {
    String path = "/containers/" + id + "/logs?stdout=1&stderr=1";
    try (InputStream in = api.stream(path)) {
      return demultiplex(in, cap);
    } catch (IOException e) {
      throw new EngineException("GET " + path + " failed: " + e.getMessage(), e);
    }
  }

  static CappedOutput[] demultiplex(InputStream in, int cap) throws IOException {
    CappedOutput.Collector out = new CappedOutput.Collector(cap);
    CappedOutput.Collector err = new CappedOutput.Collector(cap);
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[8];
    byte[] chunk = new byte[64 * 1024];
    while (readHeader(data, header)) {
      CappedOutput.Collector to = header[0] == 2 ? err : out;
      long left =
          ((header[4] & 0xffL) << 24)
              | ((header[5] & 0xff) << 16)
              | ((header[6] & 0xff) << 8)
              | (header[7] & 0xff);
      while (left > 0) {
        int n = data.read(chunk, 0, (int) Math.min(chunk.length, left));
        if (n < 0) {
          throw new EOFException("log frame cut short: " + left + " bytes missing");
        }
        to.accept(chunk, 0, n);
        left -= n;
      }
    }
    return new CappedOutput[] {out.result(), err.result()};
  }

  /** False at the end of the stream between frames. */
  private static boolean readHeader(DataInputStream in, byte[] header) throws IOException {
    int first = in.read();
    if (first < 0) {
      return false;
    }
    header[0] = (byte) first;
    in.readFully(header, 1, 7);
    return true;
  }
}
