package io.splitcheck.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The file I/O around the pure renderers: writes {@code report.json}, {@code junit.xml} and {@code
 * index.html} into a run directory (each through a temporary file, then moved into place), and
 * reads a run's {@code report.json} back.
 */
public final class ReportWriter {
  public static final String JSON = "report.json";
  public static final String JUNIT = "junit.xml";
  public static final String HTML = "index.html";
  private final Redactor redactor;

  public ReportWriter() {
    this(Redactor.standard());
  }

  public ReportWriter(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * Writes the three files into {@code dir} (created if missing); returns their paths. Every value
   * is redacted before any file is rendered ({@link ReportJson#redacted}): no secret value is
   * written, and what a value holds cannot break a file's syntax.
   */
  public List<Path> write(RunReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    RunReport safe = ReportJson.redacted(report, redactor);
    Path json = dir.resolve(JSON);
    Path junit = dir.resolve(JUNIT);
    Path html = dir.resolve(HTML);
    ByteArrayOutputStream jsonBytes = new ByteArrayOutputStream();
    ReportJson.write(safe, jsonBytes);
    writeText(json, jsonBytes.toString(StandardCharsets.UTF_8));
    StringWriter xml = new StringWriter();
    new JUnitXmlRenderer().render(safe, xml);
    writeText(junit, xml.toString());
    StringWriter page = new StringWriter();
    new HtmlRenderer().render(safe, page);
    writeText(html, page.toString());
    return List.of(json, junit, html);
  }

  private static void writeText(Path target, String text) throws IOException {
    atomically(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  /** Reads {@code dir/report.json}. */
  public static RunReport read(Path dir) throws IOException {
    Path json = dir.resolve(JSON);
    try (InputStream in = Files.newInputStream(json)) {
      return ReportJson.read(in, json.toString());
    }
  }

  private static void atomically(Path target, IoAction action) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    action.run(tmp);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @FunctionalInterface
  private interface IoAction {
    void run(Path tmp) throws IOException;
  }
}
