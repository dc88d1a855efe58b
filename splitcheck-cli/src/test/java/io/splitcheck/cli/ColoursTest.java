package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColoursTest {
  private static final String MATRIX =
      """
      img (sha256:12ab), baseline unconfined
        unconfined  exit 0  12 ms  ok
      1 split:
        read-only: exit 1 (baseline 0), culprit openat /x EROFS
      """;

  @Test
  void paint_coloursVerdictLines_andLeavesTheRest() {
    assertEquals(
        """
        img (sha256:12ab), baseline unconfined
          unconfined  exit 0  12 ms  ok
        \u001b[31m1 split:\u001b[0m
          read-only: exit 1 (baseline 0), culprit openat /x EROFS
        """,
        Colours.paint(MATRIX, true));
    assertEquals("\u001b[32mno split\u001b[0m\n", Colours.paint("no split\n", true));
    assertEquals(
        "\u001b[32mverdict: reproducible\u001b[0m (3 layers)\n",
        Colours.paint("verdict: reproducible (3 layers)\n", true));
    assertEquals(
        "\u001b[31mverdict: content\u001b[0m\n", Colours.paint("verdict: content\n", true));
    assertEquals(
        "\u001b[1;31mERROR\u001b[0m   secret.secret-in-env x\n",
        Colours.paint("ERROR   secret.secret-in-env x\n", true));
  }

  @Test
  void paint_isTheTextItself_whenOff() {
    assertEquals(MATRIX, Colours.paint(MATRIX, false));
  }
}
