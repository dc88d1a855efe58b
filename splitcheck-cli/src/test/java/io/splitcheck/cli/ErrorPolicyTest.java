package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import org.junit.jupiter.api.Test;

/** One CLI policy: {@code splitcheck CMD: error: <what>}, exit 2, for every kind of bad input. */
class ErrorPolicyTest {
  @Test
  void parseError_printsOneErrorLineAndWhereTheUsageIs_notTheWholeUsage() {
    Cli.Result r = Cli.run("matrix", "img:1", "--bogus");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("splitcheck matrix: error: Unknown option: '--bogus'"), r.err());
    assertTrue(r.err().contains("(usage: splitcheck matrix --help)"), r.err());
    assertFalse(r.err().contains("Usage:"), r.err());
  }

  @Test
  void missingParameter_isAnErrorLineOfTheCommand() {
    Cli.Result r = Cli.run("diff");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("splitcheck diff: error: Missing required parameter"), r.err());
  }

  @Test
  void stacktraceBeforeTheCommand_isAccepted_andPrintsTheTrace() {
    Cli.Result r = Cli.run("--stacktrace", "matrix", "img:1", "--timeout", "soon");
    assertEquals(2, r.exitCode());
    assertFalse(r.err().contains("Unknown option"), r.err());
    assertTrue(
        r.err().contains("splitcheck matrix: error: Error parsing --timeout 'soon'"), r.err());
    assertTrue(r.err().contains("\tat io.splitcheck."), r.err());
  }

  @Test
  void stacktraceAfterTheCommand_printsTheTrace() {
    Cli.Result r = Cli.run("matrix", "img:1", "--timeout", "soon", "--stacktrace");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("\tat io.splitcheck."), r.err());
  }

  @Test
  void engineError_printsTheMessage_notTheExceptionClass() {
    Cli.Result r =
        Cli.run("twice", "/nonexistent-context-dir", "--docker-host", "tcp://127.0.0.1:9");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("splitcheck twice: error: "), r.err());
    assertFalse(r.err().contains("EngineException"), r.err());
  }

  @Test
  void noCommand_printsUsageAndExitsTwo() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.exitCode());
  }
}
