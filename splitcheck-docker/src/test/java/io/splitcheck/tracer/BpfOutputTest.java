package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared tracer's output split per cell as it is read, with markers, the attach line and the
 * cap.
 */
class BpfOutputTest {
  // records as bpf/failures.bt prints them (from a real session: cell 52446 ran touch on a
  // read-only root)
  private static final String OPEN =
      "E\t52446\t5781\t5781\t257\t-30\t4026532184\ttouch\t2369\t/stamp";
  private static final String EXEC = "X\t52446\t5781\t5781\t/usr/bin/touch\ttouch";
  private static final String OTHER = "E\t52447\t5790\t5790\t280\t-2\t4026532190\ttouch\t0\t/stamp";

  @Test
  void accept_keepsEachOpenCellsRecords_andDropsThoseOfCellsNobodyOpened() {
    BpfOutput out = new BpfOutput(100, 10);
    out.open(52446);
    out.accept(EXEC);
    out.accept(OTHER);
    out.accept(OPEN);

    BpfOutput.Records r = out.close(52446);

    assertEquals(List.of(EXEC, OPEN), r.lines());
    assertEquals(0, r.dropped());
    assertEquals(List.of(), out.close(52447).lines());
  }

  @Test
  void lostEvents_countAgainstEveryCellOpenThen_notAgainstCellsOpenedAfter() {
    BpfOutput out = new BpfOutput(100, 10);
    out.open(52446);
    out.open(52447);
    out.accept(EXEC);
    out.accept("Lost 4 events"); // as bpftrace 0.17 prints it on stdout (seen with a 1-page buffer)
    out.accept("Lost 400281 events");
    out.open(52448);
    out.accept(OPEN);

    BpfOutput.Records first = out.close(52446);

    assertEquals(List.of(EXEC, OPEN), first.lines());
    assertEquals(400285, first.lost());
    assertEquals(400285, out.close(52447).lost());
    assertEquals(0, out.close(52448).lost());
  }

  @Test
  void accept_keepsTheHeadAndTheTail_andCountsTheMiddle_ofAHugeTrace() {
    BpfOutput out = new BpfOutput(1000, 100);
    out.open(52446);
    for (int i = 0; i < 500_000; i++) {
      out.accept("Q\t52446\t" + i + "\t" + i + "\t0");
    }

    BpfOutput.Records r = out.close(52446);

    assertEquals(1100, r.lines().size());
    assertEquals(498_900, r.dropped());
    assertEquals("Q\t52446\t999\t999\t0", r.lines().get(999));
    assertEquals("Q\t52446\t499900\t499900\t0", r.lines().get(1000));
    assertEquals("Q\t52446\t499999\t499999\t0", r.lines().get(1099));
  }

  @Test
  void awaitMarker_returnsOnceThatPidsMarkerIsRead_evenWhenReadBeforeTheWait() throws Exception {
    BpfOutput out = new BpfOutput(10, 10);
    out.accept("M\t0\t4711\t4711");

    assertTrue(out.awaitMarker(4711, 1, TimeUnit.SECONDS));
    assertFalse(out.awaitMarker(4712, 50, TimeUnit.MILLISECONDS));
  }

  @Test
  void awaitAttached_isReleasedByTheAttachingLine_andFailsWhenTheOutputEndsFirst()
      throws Exception {
    BpfOutput attached = new BpfOutput(10, 10);
    attached.accept("Attaching 6 probes...");
    BpfOutput ended = new BpfOutput(10, 10);
    ended.end();

    assertTrue(attached.awaitAttached(1, TimeUnit.SECONDS));
    assertFalse(ended.awaitAttached(1, TimeUnit.SECONDS));
    assertFalse(ended.awaitMarker(1, 1, TimeUnit.SECONDS));
  }
}
