package io.splitcheck.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A command's {@code --json} document: {@code schemaVersion} first, then the fields of the
 * command's one result record ({@code MatrixResult}, {@code TwiceResult}, {@code AuditReport}),
 * unwrapped, in the project's one JSON form.
 */
@JsonPropertyOrder({"schemaVersion"})
public record Document(int schemaVersion, @JsonUnwrapped Object result) {
  public static Document of(Object result) {
    return new Document(Json.SCHEMA_VERSION, result);
  }
}
