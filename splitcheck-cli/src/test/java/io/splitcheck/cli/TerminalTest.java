package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void decide_coloursAndShowsProgress_onlyWhenBothStreamsAreTerminals() {
    assertEquals(new Terminal(true, true), Terminal.decide(Map.of(), false, true, true));
    assertEquals(new Terminal(true, false), Terminal.decide(Map.of(), false, true, false));
    assertEquals(Terminal.PLAIN, Terminal.decide(Map.of(), false, false, true), "stdout piped");
  }

  @Test
  void decide_neverColours_underNoColorOrDumbTerminal_orForAStructuredStdout() {
    assertEquals(
        new Terminal(false, true), Terminal.decide(Map.of("NO_COLOR", ""), false, true, true));
    assertEquals(Terminal.PLAIN, Terminal.decide(Map.of("TERM", "dumb"), false, true, true));
    assertEquals(
        Terminal.PLAIN, Terminal.decide(Map.of(), true, true, true), "--format json / --json -");
  }

  @Test
  void isTerminalDevice_knowsTtysFromPipesAndFiles() {
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertFalse(Terminal.isTerminalDevice("pipe:[40213]"));
    assertFalse(Terminal.isTerminalDevice("/dev/null"));
    assertFalse(Terminal.isTerminalDevice("/tmp/out.txt"));
    assertFalse(Terminal.isTerminal(1), "a test's stdout is surefire's pipe or file");
  }

  @Test
  void formatOptions_givesPlainConsole_whenJsonGoesToStdout() {
    FormatOptions json = new FormatOptions();
    json.format = "json";
    assertEquals(Terminal.PLAIN, json.terminal());
    assertEquals(Terminal.PLAIN, new FormatOptions().terminal(Path.of("-")));
  }
}
