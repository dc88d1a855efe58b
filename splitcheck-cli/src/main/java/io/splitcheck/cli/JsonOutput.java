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
    // value by value, before serialising: a rule cannot reach past a value into the document's syntax
    com.fasterxml.jackson.databind.JsonNode tree = io.splitcheck.report.RedactingJson.redact(
        MAPPER.valueToTree(document), redactor);
    Files.writeString(file, MAPPER.writeValueAsString(tree) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * A JSON document another writer serialised, parsed back and redacted value by value, then written
   * indented: never a text pass over the serialised document, which a value could break.
   */
  static String redacted(byte[] document, io.splitcheck.report.Redactor redactor) throws IOException {
    com.fasterxml.jackson.databind.JsonNode tree = io.splitcheck.report.RedactingJson.redact(
        MAPPER.readTree(document), redactor);
    return MAPPER.writeValueAsString(tree) + "\n";
  }
}
