package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedOutputTest {
  @Test
  void collector_keepsFirstBytesAndCountsAll_whenStreamExceedsCap() {
    CappedOutput.Collector c = new CappedOutput.Collector(5);
    c.accept("abc".getBytes(StandardCharsets.UTF_8));
    c.accept("defgh".getBytes(StandardCharsets.UTF_8));
    c.accept(new byte[1_000_000]);
    CappedOutput out = c.result();
    assertEquals("abcde", out.text());
    assertEquals(1_000_008, out.totalBytes());
    assertTrue(out.truncated());
    assertTrue(out.textWithNote().contains("cut after 5 of 1000008 bytes"), out.textWithNote());
  }

  @Test
  void collector_isNotTruncated_whenStreamFits() {
    CappedOutput.Collector c = new CappedOutput.Collector(5);
    c.accept("abcde".getBytes(StandardCharsets.UTF_8));
    assertFalse(c.result().truncated());
    assertEquals("abcde", c.result().textWithNote());
  }
}
