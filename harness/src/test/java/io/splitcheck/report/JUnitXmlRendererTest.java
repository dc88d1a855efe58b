package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlRendererTest {

  private static String render(RunReport report) throws IOException {
    StringWriter out = new StringWriter();
    new JUnitXmlRenderer().render(report, out);
    return out.toString();
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void render_matchesGoldenXml() throws IOException {
    Golden.assertMatches("junit.xml", render(ReportSamples.sample()));
  }

  @Test
  void render_isWellFormed_withCountsPerSuite() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    Element root = doc.getDocumentElement();
    assertEquals("6", root.getAttribute("tests"));
    assertEquals("1", root.getAttribute("failures"));
    assertEquals("1", root.getAttribute("errors"));
    assertEquals("1", root.getAttribute("skipped"));
    assertEquals(3, doc.getElementsByTagName("testsuite").getLength());
    assertEquals(6, doc.getElementsByTagName("testcase").getLength());
  }

  @Test
  void render_carriesExpectationAndActual_inTheFailure() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("expected verdict mtime-only, got content", failure.getAttribute("message"));
    assertEquals("expected: verdict mtime-only\nactual: verdict content, reproducible=false, "
        + "differing files: /built-at", failure.getTextContent());
    Element testcase = (Element) failure.getParentNode();
    assertEquals("splitcheck.nondeterministic-build", testcase.getAttribute("classname"));
    assertEquals("twice", testcase.getAttribute("name"));
  }

  @Test
  void render_escapesMarkupAndControlCharacters_inMessages() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    NodeList errors = doc.getElementsByTagName("error");
    assertEquals("engine said: <container> \"x\" & 'y' \\u0001 failed",
        ((Element) errors.item(0)).getAttribute("message"));
  }
}
