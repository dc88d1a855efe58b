package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code matrix --on NAME=URL}: what is accepted, and bad input naming the option. */
class OnEnginesTest {
  private static String error(String... values) {
    return assertThrows(IllegalArgumentException.class, () -> OnEngines.parse(List.of(values)))
        .getMessage();
  }

  @Test
  void parse_keepsTheOrderGiven_theFirstBeingTheReference() {
    Map<String, String> on =
        OnEngines.parse(
            List.of(
                "podman=unix:///run/splitcheck/podman.sock",
                "docker-20.10=unix:///var/run/docker.sock"));
    assertEquals(List.of("podman", "docker-20.10"), List.copyOf(on.keySet()));
    assertEquals("unix:///var/run/docker.sock", on.get("docker-20.10"));
  }

  @Test
  void parse_rejectsAValueWithoutName() {
    assertEquals(
        "--on 'unix:///var/run/docker.sock': expected NAME=URL, e.g. "
            + "podman=unix:///run/splitcheck/podman.sock (NAME: letters, digits, . _ -)",
        error("unix:///var/run/docker.sock"));
  }

  @Test
  void parse_rejectsOneEngineUnderTwoNames_andOneNameTwice() {
    assertEquals(
        "--on 'b=unix:///var/run/../run/docker.sock': the engine is given twice (also as 'a'): "
            + "give each engine once",
        error("a=unix:///var/run/docker.sock", "b=unix:///var/run/../run/docker.sock"));
    assertEquals(
        "--on 'a=tcp://h:2375': the name 'a' is given twice",
        error("a=unix:///var/run/docker.sock", "a=tcp://h:2375"));
  }

  @Test
  void parse_namesTheOption_whenTheUrlIsBad() {
    assertEquals(
        "--on 'x=http://h': expected unix:///PATH or tcp://HOST:PORT", error("x=http://h"));
  }
}
