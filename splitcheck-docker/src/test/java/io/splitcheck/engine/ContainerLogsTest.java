package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContainerLogsTest {
  /** One frame as the engine sends it for a container without a TTY. */
  private static void frame(ByteArrayOutputStream out, int stream, byte[] payload) {
    out.write(stream);
    out.write(0);
    out.write(0);
    out.write(0);
    int n = payload.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(payload);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void demultiplex_splitsStdoutAndStderr_inOrderOfFrames() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    frame(log, 1, utf8("hello "));
    frame(log, 2, utf8("getrandom: Operation not permitted\n"));
    frame(log, 1, utf8("world\n"));
    CappedOutput[] out =
        ContainerLogs.demultiplex(new ByteArrayInputStream(log.toByteArray()), 1024);
    assertEquals("hello world\n", out[0].text());
    assertEquals("getrandom: Operation not permitted\n", out[1].text());
  }

  @Test
  void demultiplex_keepsTheCap_butCountsEveryByte_ofAFrameLargerThanItsBuffer() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    byte[] big = new byte[200_000];
    Arrays.fill(big, (byte) 'x');
    frame(log, 1, big);
    frame(log, 2, utf8("after"));
    CappedOutput[] out = ContainerLogs.demultiplex(new ByteArrayInputStream(log.toByteArray()), 10);
    assertEquals("xxxxxxxxxx", out[0].text());
    assertEquals(200_000, out[0].totalBytes());
    assertTrue(out[0].truncated());
    assertEquals("after", out[1].text());
  }

  @Test
  void demultiplex_ofAnEmptyLog_isTwoEmptyOutputs() throws Exception {
    CappedOutput[] out = ContainerLogs.demultiplex(new ByteArrayInputStream(new byte[0]), 10);
    assertEquals("", out[0].text());
    assertEquals(0, out[1].totalBytes());
  }

  @Test
  void demultiplex_failsOnAFrameCutShort_ratherThanReturningPartOfIt() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    frame(log, 1, utf8("complete"));
    byte[] bytes = log.toByteArray();
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(
        EOFException.class, () -> ContainerLogs.demultiplex(new ByteArrayInputStream(cut), 100));
  }
}
