package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code splitcheck tracer}: its subcommands parsed, and the answers that need no daemon. */
class TracerCommandTest {
  @TempDir Path dir;

  @Test
  void status_ofAFolderWithoutADaemon_saysNotRunning_andExits1() {
    Cli.Result r = Cli.run("tracer", "--state-dir", dir.toString(), "status");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("splitcheck tracer: not running\n", r.out());
  }

  @Test
  void stop_ofAFolderWithoutADaemon_saysNotRunning_andRemovesNothing() throws Exception {
    Files.writeString(dir.resolve("daemon.log"), "kept\n");
    Cli.Result r = Cli.run("tracer", "--state-dir", dir.toString(), "stop");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("splitcheck tracer: not running\n", r.out());
    assertTrue(Files.exists(dir.resolve("daemon.log")));
  }

  @Test
  void start_refusesAZeroIdle_namingTheOption() {
    Cli.Result r = Cli.run("tracer", "--state-dir", dir.toString(), "start", "--idle", "0s");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("splitcheck tracer start: error: "), r.err());
    assertTrue(r.err().contains("--idle"), r.err());
  }

  @Test
  void noSubcommand_isAnError() {
    Cli.Result r = Cli.run("tracer");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("say start, stop or status"), r.err());
  }
}
