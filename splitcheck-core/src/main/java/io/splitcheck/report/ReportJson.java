package io.splitcheck.report;

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
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code report.json}: the run as one JSON document following {@code reports/report.schema.json}.
 * Fields in record order, map keys sorted, {@code null} fields left out, two-space indent, {@code \n}
 * line ends, a final newline: the same report gives the same bytes.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = mapper();

  private ReportJson() {}

  public static void write(RunReport report, OutputStream out) throws IOException {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withArrayEmptySeparator("").withObjectEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    byte[] bytes = MAPPER.writer(printer).writeValueAsBytes(report);
    out.write(bytes);
    out.write('\n');
    out.flush();
  }

  /**
   * The report with every string value redacted on its own ({@link RedactingJson}), for every renderer
   * to start from: the values are blanked before any of them is serialised.
   */
  public static RunReport redacted(RunReport report, Redactor redactor) {
    JsonNode tree = RedactingJson.redact(MAPPER.valueToTree(report), redactor);
    try {
      return MAPPER.treeToValue(tree, RunReport.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String toString(RunReport report) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(report, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Reads the {@code --json} document of {@code twice}, {@code matrix} or {@code audit} into
   * {@link TwiceResult}, {@link MatrixResult} or {@link AuditResult}: the field names are the
   * same; fields the report does not carry (traces, notes of other versions) are ignored.
   */
  public static <T> T readResult(InputStream in, Class<T> type, String source) {
    try {
      return MAPPER.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("Error parsing " + type.getSimpleName() + " '" + source
          + "': " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  /** Reads a report (fields this version does not know are ignored, so older runs still load). */
  public static RunReport read(InputStream in, String source) {
    try {
      return MAPPER.readValue(in, RunReport.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Error parsing report '" + source + "': "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  private static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("instant");
    time.addSerializer(Instant.class, new JsonSerializer<>() {
      @Override
      public void serialize(Instant value, JsonGenerator gen, SerializerProvider p)
          throws IOException {
        gen.writeString(value.toString());
      }
    });
    time.addDeserializer(Instant.class, new JsonDeserializer<>() {
      @Override
      public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        try {
          return Instant.parse(p.getValueAsString());
        } catch (DateTimeParseException e) {
          throw ctx.weirdStringException(p.getValueAsString(), Instant.class,
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
