package io.splitcheck.cli;

import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.report.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's JSON document ({@link Document}: schemaVersion, then the result) in the one JSON form. */
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
    Files.writeString(file, redactor.redact(Json.text(Document.of(result))), StandardCharsets.UTF_8);
  }
}
