package io.splitcheck.cli;

import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.report.RedactingJson;
import io.splitcheck.report.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a command's JSON document ({@link Document}: schemaVersion, then the result) in the one
 * JSON form, redacted value by value before it is serialised: a rule cannot reach past a value into
 * the document's syntax, so no value (a key block without END, a quote) can make the file invalid.
 */
final class JsonOutput {
  private JsonOutput() {}

  static void write(Path file, Object result) throws IOException {
    write(file, result, Redactor.standard());
  }

  /** Writes the document with every secret value blanked by {@code redactor}. */
  static void write(Path file, Object result, Redactor redactor) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(
        file,
        Json.text(RedactingJson.redact(Json.mapper().valueToTree(Document.of(result)), redactor)),
        StandardCharsets.UTF_8);
  }

  /**
   * A document another writer serialised, parsed back and redacted value by value, in the one JSON
   * form.
   */
  static String redacted(byte[] document, Redactor redactor) throws IOException {
    return Json.text(RedactingJson.redact(Json.tree(document), redactor));
  }
}
