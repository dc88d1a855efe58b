package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksDirectoryTest {
  @Test
  void of_isTheSetDirectory_thenTheRuntimeDirectory_thenTheTemporaryOne() {
    assertEquals(
        Path.of("/custom"),
        ChecksDirectory.of(Map.of(ChecksDirectory.ENV, "/custom"), "/tmp", "1000"));
    assertEquals(
        Path.of("/run/user/1000/splitcheck-checks-1000"),
        ChecksDirectory.of(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "/tmp", "1000"));
    assertEquals(Path.of("/tmp/splitcheck-checks-0"), ChecksDirectory.of(Map.of(), "/tmp", "0"));
  }
}
