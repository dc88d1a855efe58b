package io.splitcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a command's JSON document: indented, map keys sorted, a final newline. */
final class JsonOutput {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonOutput() {}

  static void write(Path file, Object document) throws IOException {
    write(file, document, io.splitcheck.report.Redactor.standard());
  }

  /** Writes the document with every secret value blanked by {@code redactor}. */
  static void write(Path file, Object document, io.splitcheck.report.Redactor redactor) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, redactor.redact(MAPPER.writeValueAsString(document))
        + "\n", StandardCharsets.UTF_8);
  }
}
