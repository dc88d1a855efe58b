package io.splitcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code report.json}: the run as one JSON document following {@code reports/report.schema.json},
 * in the project's one JSON form ({@link Json}): the same report gives the same bytes.
 */
public final class ReportJson {
  private ReportJson() {}

  public static void write(RunReport report, OutputStream out) throws IOException {
    Json.write(report, out);
  }

  /**
   * The report with every string value redacted on its own ({@link RedactingJson}), for every
   * renderer to start from: the values are blanked before any of them is serialised.
   */
  public static RunReport redacted(RunReport report, Redactor redactor) {
    JsonNode tree = RedactingJson.redact(Json.mapper().valueToTree(report), redactor);
    try {
      return Json.mapper().treeToValue(tree, RunReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toString(RunReport report) {
    return Json.text(report);
  }

  /** Reads a report (fields this version does not know are ignored, so older runs still load). */
  public static RunReport read(InputStream in, String source) {
    try {
      return Json.read(in, RunReport.class, source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          e.getMessage().replaceFirst("^Error parsing RunReport", "Error parsing report"),
          e.getCause());
    }
  }
}
