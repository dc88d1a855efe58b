package io.splitcheck.tracer;

import io.splitcheck.trace.bpf.BpfTraceLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running bpftrace program's output, line by line as it comes: each record goes to the cell
 * whose id its second field carries (records of cells nobody waits for are dropped), a marker
 * ({@code M 0 PID TID}) releases whoever waits for that pid, and bpftrace's "Attaching N probes..."
 * releases the start, and its "Lost N events" counts against every cell open then. A cell keeps its
 * first {@code head} and last {@code tail} records ({@link HeadTail}); those between are counted.
 */
final class BpfOutput {
  private static final int MAX_MARKERS = 1000;

  /** What bpftrace prints on its standard output when a CPU's perf buffer overflowed. */
  private static final Pattern LOST = Pattern.compile("Lost (\\d{1,18}) events");

  private final int head;
  private final int tail;
  private final Map<Long, HeadTail> cells = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> markers = new ConcurrentHashMap<>();
  private final CountDownLatch attached = new CountDownLatch(1);
  private volatile boolean ended;

  BpfOutput(int head, int tail) {
    this.head = head;
    this.tail = tail;
  }

  /** One cell's records so far, and how many were left out past the cap. */
  record Records(List<String> lines, long dropped, long lost) {
    Records {
      lines = List.copyOf(lines);
    }
  }

  /** Starts keeping the records of cell {@code id}. */
  void open(long id) {
    cells.put(id, new HeadTail(head, tail));
  }

  /** Stops keeping cell {@code id}'s records and returns them. */
  Records close(long id) {
    HeadTail c = cells.remove(id);
    if (c == null) {
      return new Records(List.of(), 0, 0);
    }
    synchronized (c) {
      return new Records(c.lines(), c.dropped(), c.lost());
    }
  }

  /** One line of bpftrace's standard output. */
  void accept(String line) {
    if (line.startsWith("Attaching")) {
      attached.countDown();
      return;
    }
    Matcher lost = LOST.matcher(line);
    if (lost.matches()) {
      long n = Long.parseLong(lost.group(1));
      for (HeadTail c : cells.values()) {
        synchronized (c) {
          c.lose(n);
        }
      }
      return;
    }
    int a = line.indexOf('\t');
    int b = a < 0 ? -1 : line.indexOf('\t', a + 1);
    if (a != 1 || b < 0) {
      return;
    }
    if (line.charAt(0) == 'M') {
      int c = line.indexOf('\t', b + 1);
      marker(line.substring(b + 1, c < 0 ? line.length() : c)).countDown();
      return;
    }
    HeadTail c = cells.get(parseId(line.substring(a + 1, b)));
    if (c != null) {
      synchronized (c) {
        c.add(line);
      }
    }
  }

  /** bpftrace's output ended (it exited): nobody waits any longer. */
  void end() {
    ended = true;
    attached.countDown();
    markers.values().forEach(CountDownLatch::countDown);
  }

  boolean ended() {
    return ended;
  }

  /**
   * Waits until bpftrace says it attached its probes or its output ends; false when the time ran
   * out.
   */
  boolean awaitAttached(long timeout, TimeUnit unit) throws InterruptedException {
    return attached.await(timeout, unit) && !ended;
  }

  /** Waits until the marker of process {@code pid} has been read; false when the time ran out. */
  boolean awaitMarker(long pid, long timeout, TimeUnit unit) throws InterruptedException {
    CountDownLatch l = marker(Long.toString(pid));
    boolean seen = ended || l.await(timeout, unit);
    markers.remove(Long.toString(pid));
    return seen && !ended;
  }

  private CountDownLatch marker(String pid) {
    if (markers.size() > MAX_MARKERS) {
      markers.clear(); // the markers of the JVM's other children, which nobody waits for
    }
    CountDownLatch l = markers.computeIfAbsent(pid, k -> new CountDownLatch(1));
    if (ended) {
      l.countDown();
    }
    return l;
  }

  private static long parseId(String s) {
    try {
      return BpfTraceLog.cellId(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
