package io.splitcheck.cli;

import io.splitcheck.report.JUnitXmlRenderer;
import io.splitcheck.report.Redactor;
import io.splitcheck.report.ReportJson;
import io.splitcheck.report.RunReport;
import io.splitcheck.report.SarifRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --format text|json|sarif|junit}: what stdout carries. With anything but text, the human
 * summary goes to stderr, so {@code splitcheck audit IMG --format sarif > audit.sarif} keeps both.
 * A file option given as {@code -} ({@code --json -}) also means stdout, and only one thing can go
 * there.
 */
public final class FormatOptions {
  /** What stdout carries. */
  public enum Format {
    TEXT,
    JSON,
    SARIF,
    JUNIT
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "What stdout carries: text (default), json, sarif (SARIF 2.1.0) or junit (JUnit XML); "
              + "with another than text the summary goes to stderr.")
  String format = "text";

  private PrintWriter stdout = new PrintWriter(System.out, true);
  private PrintWriter stderr = new PrintWriter(System.err, true);

  /** The command line's streams (picocli's, which tests replace). */
  FormatOptions streams(CommandLine cl) {
    stdout = cl.getOut();
    stderr = cl.getErr();
    return this;
  }

  Format format() {
    try {
      return Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Error parsing --format '" + format + "': expected text, json, sarif or junit");
    }
  }

  /** Checks that at most one thing goes to stdout; call before any work. */
  void check(String fileOption, Path file) {
    if (isStdout(file) && format() != Format.TEXT) {
      throw new IllegalArgumentException(
          "Error parsing "
              + fileOption
              + " '-': --format "
              + format
              + " already writes to stdout; give "
              + fileOption
              + " a file");
    }
    format();
  }

  static boolean isStdout(Path file) {
    return file != null && file.toString().equals("-");
  }

  /**
   * What the console may carry: colour and a progress line only for text on a terminal, never when
   * a structured format or one of {@code files} given as {@code -} goes to stdout.
   */
  Terminal terminal(Path... files) {
    boolean structured =
        format() != Format.TEXT || Arrays.stream(files).anyMatch(FormatOptions::isStdout);
    return Terminal.detect(structured);
  }

  /** Where the human summary goes: stdout for text, stderr for the other formats. */
  PrintWriter human() {
    return format() == Format.TEXT ? stdout : stderr;
  }

  /**
   * Writes the chosen structured format to stdout: {@code json} is the command's own document, the
   * others are rendered from its run report.
   */
  void emit(String json, RunReport report, SarifRenderer sarif, Redactor redactor)
      throws IOException {
    String text =
        switch (format()) {
          case TEXT -> null;
          case JSON -> JsonOutput.redacted(json.getBytes(StandardCharsets.UTF_8), redactor);
          case SARIF -> render(w -> sarif.render(report, w));
          case JUNIT -> render(w -> new JUnitXmlRenderer().render(report, w));
        };
    if (text != null) {
      // JSON was redacted value by value (a key header without END cannot cut the document); the
      // report-rendered formats come from a report the writer redacted before rendering
      text = format() == Format.JSON ? text : redactor.redact(text);
      stdout.print(text.endsWith("\n") ? text : text + "\n");
      stdout.flush();
    }
  }

  /**
   * Writes {@code json} to {@code file} as it is, or to stdout (ending in a newline) when the file
   * is {@code -}.
   */
  void writeJson(Path file, String json, Redactor redactor) throws IOException {
    String text = JsonOutput.redacted(json.getBytes(StandardCharsets.UTF_8), redactor);
    if (isStdout(file)) {
      stdout.print(text.endsWith("\n") ? text : text + "\n");
      stdout.flush();
      return;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String reportJson(RunReport report) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReportJson.write(report, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private interface Render {
    void to(Writer w) throws IOException;
  }

  private static String render(Render r) throws IOException {
    StringWriter w = new StringWriter();
    r.to(w);
    return w.toString();
  }
}
