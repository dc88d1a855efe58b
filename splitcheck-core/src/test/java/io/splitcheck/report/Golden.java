package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files under fixtures/report/; {@code -Dsplitcheck.updateGolden=true} rewrites them. */
final class Golden {
  static final Path DIR = Path.of("src", "test", "resources", "fixtures", "report");

  private Golden() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("splitcheck.updateGolden")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8),
        actual,
        "differs from golden " + file + " (rerun with -Dsplitcheck.updateGolden=true to accept)");
  }
}
