package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /**
   * A real {@code twice ctx --vary time,umask} on Docker 20.10 (fixtures/twice/vary-summary.txt).
   */
  @Test
  void paint_coloursTheControlsVerdict_andEachVariationsVerdict_inTwiceVaryOutput()
      throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/twice/vary-summary.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String painted = Colours.paint(text, true);

    List<String> coloured =
        painted.lines().filter(l -> l.contains("\u001b[")).map(String::strip).toList();
    assertEquals(
        List.of(
            "\u001b[31mverdict: mtime-only\u001b[0m (6 paths differ)",
            "\u001b[31mverdict content\u001b[0m, 6 paths differ, 2 path(s) or config field(s)"
                + " sensitive to time",
            "\u001b[31mverdict metadata\u001b[0m, 8 paths differ, 3 path(s) or config field(s)"
                + " sensitive to umask"),
        coloured);
    assertTrue(painted.contains("\n    \u001b[31mverdict content"), "the indent stays plain");
    assertEquals(text, Colours.paint(text, false));
  }

  @Test
  void paint_coloursAReproducibleVariationGreen() {
    assertEquals(
        "  order: the context's files made in reverse order\n"
            + "    \u001b[32mverdict reproducible\u001b[0m, 0 paths differ\n",
        Colours.paint(
            "  order: the context's files made in reverse order\n"
                + "    verdict reproducible, 0 paths differ\n",
            true));
  }
}
