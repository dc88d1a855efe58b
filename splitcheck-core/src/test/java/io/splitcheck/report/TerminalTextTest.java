package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void escape_makesEscBelCrAndOtherControlsVisible_inAHostileFileName() {
    assertEquals(
        "/ctl\\x1b[31mred\\x07\\x0dname", TerminalText.escape("/ctl\u001b[31mred\u0007\rname"));
    assertEquals(
        "a\\x08b\\x7fc\\x9b2Jd",
        TerminalText.escape("a\bb\u007fc\u009b2Jd"),
        "backspace, DEL, C1 CSI");
    assertEquals(
        "osc \\x1b]52;c;AAAA\\x07", TerminalText.escape("osc \u001b]52;c;AAAA\u0007"), "clipboard");
    assertEquals("\\u202etxt.exe", TerminalText.escape("\u202etxt.exe"), "bidi override");
  }

  @Test
  void escape_keepsNewlinesTabsBackslashesAndPlainText() {
    String plain = "line one\n\tline two: /usr/lib/x86_64-linux-gnu/libc.so.6 é 漢";
    assertSame(plain, TerminalText.escape(plain));
    // a literal backslash controls nothing; path names come escaped by PathNames, which doubles
    // theirs
    assertEquals("\\x1B is text", TerminalText.escape("\\x1B is text"));
    assertNull(TerminalText.escape(null));
  }

  @Test
  void line_redactsThenEscapes() {
    assertEquals(
        "API_TOKEN=[REDACTED]\n\\x1b[2J", TerminalText.line("API_TOKEN=abcdef\n\u001b[2J"));
  }
}
