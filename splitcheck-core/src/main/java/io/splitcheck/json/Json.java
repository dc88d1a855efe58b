package io.splitcheck.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * The one JSON configuration of everything splitcheck writes and reads: {@code --json} documents,
 * {@code report.json}, audit and matrix documents, profiles. Fields in record order, map keys
 * sorted, {@code null} fields left out, two-space indent, {@code "key": value}, {@code \n} line
 * ends and a final newline, instants as ISO-8601: the same value gives the same bytes. Reading
 * ignores fields this version does not know, so reports of older and newer versions still load;
 * strict readers (profiles, scenarios) read {@link #tree trees} and check every field themselves.
 */
public final class Json {
  /**
   * The version of the JSON documents splitcheck writes ({@code schemaVersion} of report.json and
   * of each command's {@code --json}); raised when a field changes meaning or goes away.
   */
  public static final int SCHEMA_VERSION = 2;

  private static final ObjectMapper MAPPER = configured();
  private static final ObjectWriter WRITER = MAPPER.writer(printer());

  private Json() {}

  /** The shared mapper, for trees and conversions; configured once, never reconfigured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Writes {@code value} and a final newline. */
  public static void write(Object value, OutputStream out) throws IOException {
    out.write(bytes(value));
    out.flush();
  }

  /** The bytes {@link #write} writes. */
  public static byte[] bytes(Object value) {
    try {
      byte[] body = WRITER.writeValueAsBytes(value);
      byte[] withNewline = Arrays.copyOf(body, body.length + 1);
      withNewline[body.length] = '\n';
      return withNewline;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text {@link #write} writes. */
  public static String text(Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }

  /**
   * Reads a document into {@code type}.
   *
   * @param source names the file or stream in the error
   * @throws IllegalArgumentException {@code Error parsing <Type> '<source>': <Jackson's first
   *     line>}
   */
  public static <T> T read(InputStream in, Class<T> type, String source) {
    try {
      return MAPPER.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Error parsing "
              + type.getSimpleName()
              + " '"
              + source
              + "': "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }

  /** Reads a document as a tree, for strict readers that check each field themselves. */
  public static JsonNode tree(InputStream in) throws IOException {
    return MAPPER.readTree(in);
  }

  /** Reads a document as a tree. */
  public static JsonNode tree(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  /** Reads a document as a tree. */
  public static JsonNode tree(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  private static DefaultPrettyPrinter printer() {
    return new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
  }

  private static ObjectMapper configured() {
    SimpleModule time = new SimpleModule("instant");
    time.addSerializer(
        Instant.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    time.addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
              return Instant.parse(p.getValueAsString());
            } catch (DateTimeParseException e) {
              throw ctx.weirdStringException(
                  p.getValueAsString(),
                  Instant.class,
                  "expected an ISO-8601 instant like 2026-11-26T02:00:00Z");
            }
          }
        });
    return new ObjectMapper()
        .registerModule(time)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
