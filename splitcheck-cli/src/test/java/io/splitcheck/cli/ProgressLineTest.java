package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.engine.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final AtomicLong now = new AtomicLong(0);

  @Test
  void render_saysCellsDoneOfTotal_andNamesTheRunningOnes() {
    ProgressLine line = new ProgressLine("matrix", System.err, now::get, 100).total("cells", 4);
    line.started("cells", "unconfined");
    line.started("cells", "read-only");
    line.started("cells", "no-network");
    line.finished("cells", "unconfined");
    now.set(12_400_000_000L);
    assertEquals("matrix 12s  cells 1/4: read-only, no-network", line.render());
    line.finished("cells", "read-only");
    line.finished("cells", "no-network");
    line.started("traced", "read-only");
    assertEquals("matrix 12s  cells 3/4  traced 0: read-only", line.render());
  }

  @Test
  void render_cutsToTheTerminalWidth_andEscapesNames() {
    ProgressLine line = new ProgressLine("twice", System.err, now::get, 40).total("build", 2);
    line.started("build", "first\u001b[2J-with-a-very-long-name-indeed");
    String text = line.render();
    assertEquals("twice 0s  build 0/2: first\\x1b[2J-wi...", text);
    assertEquals(39, text.length());
  }

  @Test
  void start_writesNothing_withoutATerminal() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true));
    try (ProgressLine line = ProgressLine.start("matrix", Terminal.PLAIN)) {
      Progress.started("cells", "x");
      line.total("cells", 1);
    } finally {
      System.setErr(saved);
    }
    assertEquals("", err.toString());
  }
}
