package io.splitcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The golden twice.json (captured from a real {@code twice --json}, normalised; TwiceGoldenIT
 * builds it again and compares) read as the one record and rendered again is the same text: the
 * JSON form of {@link TwiceResult} has not drifted from what the command writes.
 */
class TwiceGoldenJsonTest {
  @Test
  void theGolden_readAsATwiceResult_rendersBackToTheSameText() throws Exception {
    String golden;
    try (InputStream in =
        TwiceGoldenJsonTest.class.getResourceAsStream("/fixtures/report/commands/twice.json")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    TwiceResult result =
        Json.read(
            new ByteArrayInputStream(golden.getBytes(StandardCharsets.UTF_8)),
            TwiceResult.class,
            "twice.json");

    assertEquals(golden, Json.text(Document.of(result)));
  }
}
