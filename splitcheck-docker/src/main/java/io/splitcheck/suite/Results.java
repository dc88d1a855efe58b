package io.splitcheck.suite;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report model mirrors each command's {@code --json} document field by field, so a command's result
 * becomes the report's record by one Jackson conversion (the same as writing and reading the JSON).
 */
final class Results {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Results() {}

  static <T> T convert(Object commandResult, Class<T> reportType) {
    return MAPPER.convertValue(commandResult, reportType);
  }
}
