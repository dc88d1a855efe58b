package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
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
    assertEquals(
        "expected: verdict mtime-only\nactual: verdict content, reproducible=false, "
            + "differing files: /built-at",
        failure.getTextContent());
    Element testcase = (Element) failure.getParentNode();
    assertEquals("splitcheck.nondeterministic-build", testcase.getAttribute("classname"));
    assertEquals("twice", testcase.getAttribute("name"));
  }

  @Test
  void render_namesEachCellsEngine_inTheMatrixTestcase() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    Element matrix = testcase(doc, "splitcheck.getrandom-seccomp", "matrix");
    Map<String, String> properties = new LinkedHashMap<>();
    NodeList list = matrix.getElementsByTagName("property");
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      properties.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    assertEquals("tcp://build-2:2376", properties.get("cell.runtime-default.engine"));
    assertEquals("24.0.7", properties.get("cell.runtime-default.engineVersion"));
    assertEquals("unconfined", properties.get("cell.runtime-default.seccompDefault"));
    assertEquals(
        List.of(
            "cell.unconfined.engine",
            "cell.unconfined.engineVersion",
            "cell.unconfined.seccompDefault",
            "cell.runtime-default.engine",
            "cell.runtime-default.engineVersion",
            "cell.runtime-default.seccompDefault",
            "cell.prod.engine",
            "cell.prod.engineVersion",
            "cell.prod.seccompDefault"),
        List.copyOf(properties.keySet()),
        "cells in matrix order");
    String out = matrix.getElementsByTagName("system-out").item(0).getTextContent();
    assertTrue(
        out.contains(
            "\ncell prod: exit 3 on unix:///var/run/docker.sock, Docker 20.10.24+dfsg1, "
                + "seccomp default: default"),
        out);
  }

  @Test
  void render_addsNoProperties_toChecksOtherThanMatrix_norForCellsWithoutEngine() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    assertEquals(
        0,
        testcase(doc, "splitcheck.getrandom-seccomp", "audit")
            .getElementsByTagName("properties")
            .getLength());
    Element partial = testcase(doc, "splitcheck.dynamic-static", "matrix");
    assertEquals(
        3,
        partial.getElementsByTagName("property").getLength(),
        "cap-drop-all has no recorded engine");
  }

  private static Element testcase(Document doc, String classname, String name) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("classname").equals(classname) && c.getAttribute("name").equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no testcase " + classname + " " + name);
  }

  @Test
  void render_escapesMarkupAndControlCharacters_inMessages() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    NodeList errors = doc.getElementsByTagName("error");
    assertEquals(
        "engine said: <container> \"x\" & 'y' \\u0001 failed",
        ((Element) errors.item(0)).getAttribute("message"));
  }

  @Test
  void timestamps_areWholeSecondsWithoutZone_theFormJenkinsXunitAccepts() throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    NodeList suites = doc.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      String ts = ((Element) suites.item(i)).getAttribute("timestamp");
      assertTrue(ts.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"), ts);
    }
    assertEquals(
        "2026-11-26T02:00:00",
        JUnitXmlRenderer.timestamp(Instant.parse("2026-11-26T02:00:00.123456789Z")));
  }

  @Test
  void errorTestcase_hasNoEmptyExpected_andTheMatrixTestcaseCarriesTheCellsStderr()
      throws Exception {
    Document doc = parse(render(ReportSamples.sample()));
    Element error = (Element) doc.getElementsByTagName("error").item(0);
    assertTrue(!error.getTextContent().contains("expected:"), error.getTextContent());
    String out =
        testcase(doc, "splitcheck.getrandom-seccomp", "matrix")
            .getElementsByTagName("system-out")
            .item(0)
            .getTextContent();
    assertTrue(
        out.endsWith("cell prod stderr:\nverify-tls: getrandom failed: Operation not permitted"),
        out);
  }
}
