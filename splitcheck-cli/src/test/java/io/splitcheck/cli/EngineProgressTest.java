package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.engine.Progress;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The {@code matrix --on} progress line, replayed from the events a real {@code matrix --config
 * unconfined --config read-only --on docker20=... --on docker26=...} sent (Docker 20.10 and 26,
 * fixtures/progress/matrix-on-events.txt: one {@code started|finished GROUP ITEM} a line).
 */
class EngineProgressTest {
  private final AtomicLong now = new AtomicLong(0);
  private final ProgressLine line = new ProgressLine("matrix", System.err, now::get, 200);
  private final EngineProgress progress =
      new EngineProgress(line, List.of("docker20", "docker26"), 2);

  private static List<String> events() throws Exception {
    try (InputStream in =
        EngineProgressTest.class.getResourceAsStream("/fixtures/progress/matrix-on-events.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** Sends events {@code from} (inclusive) to {@code to} (exclusive) of the fixture. */
  private void replay(List<String> events, int from, int to) {
    for (String e : events.subList(from, to)) {
      String[] f = e.split(" ", 3);
      if (f[0].equals("started")) {
        progress.started(f[1], f[2]);
      } else {
        progress.finished(f[1], f[2]);
      }
    }
  }

  @Test
  void render_countsEveryEnginesCellsFromTheStart_andNamesTheRunningOnesOnTheirEngine()
      throws Exception {
    List<String> events = events();
    assertEquals("matrix 0s  docker20 cells 0/2  docker26 cells 0/2", line.render());

    replay(events, 0, 3); // docker20 runs both cells
    now.set(2_300_000_000L);
    assertEquals(
        "matrix 2s  docker20 cells 0/2: unconfined, read-only  docker26 cells 0/2", line.render());

    replay(events, 3, 4); // read-only ended
    assertEquals("matrix 2s  docker20 cells 1/2: unconfined  docker26 cells 0/2", line.render());

    replay(events, 4, 12); // docker20 done and traced; docker26 runs unconfined
    assertEquals(
        "matrix 2s  docker20 cells 2/2  docker26 cells 0/2: unconfined  docker20 traced 2",
        line.render());

    replay(events, 12, events.size());
    assertEquals(
        "matrix 2s  docker20 cells 2/2  docker26 cells 2/2  docker20 traced 2  docker26 traced 2",
        line.render());
  }

  @Test
  void start_writesNothing_withoutATerminal() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true));
    try (ProgressLine plain =
        ProgressLine.start(
            "matrix", Terminal.PLAIN, l -> new EngineProgress(l, List.of("a", "b"), 2))) {
      for (String e : events()) {
        String[] f = e.split(" ", 3);
        if (f[0].equals("started")) {
          Progress.started(f[1], f[2]);
        } else {
          Progress.finished(f[1], f[2]);
        }
      }
      assertEquals(List.of(), plain.groupNames());
    } finally {
      System.setErr(saved);
    }
    assertEquals("", err.toString());
  }
}
