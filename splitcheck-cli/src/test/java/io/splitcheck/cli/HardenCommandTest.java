package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HardenCommandTest {
  @Test
  void parse_takesTheImageTheCommandAfterDashDash_andDefaults() {
    HardenCommand c =
        CommandLine.populateCommand(
            new HardenCommand(), "app:1", "--out", "h", "--", "sh", "-c", "true");
    assertEquals("app:1", c.image);
    assertEquals(List.of("sh", "-c", "true"), c.command);
    assertEquals(Path.of("h"), c.out);
    assertEquals("unconfined", c.baseline);
    assertEquals("60s", c.timeout);
  }

  @Test
  void aBadTimeout_isExit2_namingTheOption() {
    Cli.Result r = Cli.run("harden", "app:1", "--timeout", "soon");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--timeout"), r.err());
  }
}
