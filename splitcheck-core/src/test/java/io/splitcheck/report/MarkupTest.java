package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkupTest {
  private static final String NASTY = "<script>\"a'`\n\t\r\u0001&";

  @Test
  void escape_html_leavesNoMarkupQuoteOrBacktick_andShowsControlCharacters() {
    assertEquals(
        "&lt;script&gt;&quot;a&#39;&#96;\n\t\\u000D\\u0001&amp;",
        Markup.escape(NASTY, Markup.Mode.HTML));
  }

  @Test
  void escape_xmlText_keepsQuotesAndLineBreaks() {
    assertEquals(
        "&lt;script&gt;\"a'`\n\t&#13;\\u0001&amp;", Markup.escape(NASTY, Markup.Mode.XML_TEXT));
  }

  @Test
  void escape_xmlAttribute_encodesQuotesAndWhitespace_andLoneSurrogates() {
    assertEquals(
        "&lt;script&gt;&quot;a&apos;`&#10;&#9;&#13;\\u0001&amp;\\uD800",
        Markup.escape(NASTY + "\uD800", Markup.Mode.XML_ATTRIBUTE));
  }
}
