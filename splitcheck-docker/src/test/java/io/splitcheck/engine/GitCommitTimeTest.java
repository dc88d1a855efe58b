package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTimeTest {
  @Test
  void parse_readsGitsUnixSeconds() {
    assertEquals(OptionalLong.of(1764633600L), GitCommitTime.parse("1764633600\n"));
  }

  @Test
  void parse_isEmpty_whenNothingWasCommittedThere() {
    assertEquals(OptionalLong.empty(), GitCommitTime.parse(""));
  }

  @Test
  void latest_isEmpty_outsideAGitWorkTree(@TempDir Path dir) {
    assertEquals(OptionalLong.empty(), GitCommitTime.latest(dir));
  }
}
