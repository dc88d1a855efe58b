package io.splitcheck.cli;

import io.splitcheck.engine.Progress;
import io.splitcheck.report.TerminalText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One line on stderr, redrawn four times a second while a command works, when {@link
 * Terminal#progress} says someone watches: {@code matrix 12s cells 3/7: read-only, no-network
 * traced 0: read-only}. Cleared before the result is printed. Without a terminal nothing is started
 * and nothing is written.
 */
final class ProgressLine implements Progress.Listener, AutoCloseable {
  private static final String CLEAR = "\r\u001b[K";

  private static final class Group {
    int done;
    Integer total;
    final LinkedHashSet<String> running = new LinkedHashSet<>();
  }

  private final String command;
  private final PrintStream err;
  private final LongSupplier nanos;
  private final int width;
  private final long start;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private AutoCloseable listening;

  ProgressLine(String command, PrintStream err, LongSupplier nanos, int width) {
    this.command = command;
    this.err = err;
    this.nanos = nanos;
    this.width = width;
    this.start = nanos.getAsLong();
  }

  /**
   * Listens and redraws when {@code terminal} allows it; otherwise an inert line that writes
   * nothing.
   */
  static ProgressLine start(String command, Terminal terminal) {
    return start(command, terminal, line -> line);
  }

  /**
   * As {@link #start(String, Terminal)}, the events reaching the line through {@code listener}
   * (which may rename their groups, as {@link EngineProgress} does).
   */
  static ProgressLine start(
      String command, Terminal terminal, Function<ProgressLine, Progress.Listener> listener) {
    ProgressLine line = new ProgressLine(command, System.err, System::nanoTime, columns());
    if (terminal.progress()) {
      line.listening = Progress.listen(listener.apply(line));
      line.ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "splitcheck-progress");
                t.setDaemon(true);
                return t;
              });
      line.ticker.scheduleAtFixedRate(line::draw, 0, 250, TimeUnit.MILLISECONDS);
    }
    return line;
  }

  /** How many items {@code group} will have, when known (the cells of the plan). */
  synchronized ProgressLine total(String group, int n) {
    groups.computeIfAbsent(group, g -> new Group()).total = n;
    return this;
  }

  @Override
  public synchronized void started(String group, String item) {
    groups.computeIfAbsent(group, g -> new Group()).running.add(item);
  }

  @Override
  public synchronized void finished(String group, String item) {
    Group g = groups.computeIfAbsent(group, k -> new Group());
    g.running.remove(item);
    g.done++;
  }

  /** The line as it is drawn now, cut to the terminal's width. */
  synchronized String render() {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong() - start);
    StringBuilder sb = new StringBuilder(command).append(' ').append(seconds).append('s');
    groups.forEach(
        (name, g) -> {
          sb.append("  ").append(name).append(' ').append(g.done);
          if (g.total != null) {
            sb.append('/').append(g.total);
          }
          if (!g.running.isEmpty()) {
            sb.append(": ").append(String.join(", ", new ArrayList<>(g.running)));
          }
        });
    String line = TerminalText.escape(sb.toString());
    return line.length() <= width - 1 ? line : line.substring(0, Math.max(0, width - 4)) + "...";
  }

  private void draw() {
    synchronized (err) {
      err.print(CLEAR + render());
      err.flush();
    }
  }

  /** Stops redrawing and clears the line, so the result starts on a clean line. */
  @Override
  public void close() {
    if (ticker == null) {
      return;
    }
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
      listening.close();
    } catch (Exception e) {
      // the line is cleared below either way
    }
    synchronized (err) {
      err.print(CLEAR);
      err.flush();
    }
    ticker = null;
  }

  private static int columns() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** For tests: the groups seen so far, by name. */
  synchronized List<String> groupNames() {
    return List.copyOf(groups.keySet());
  }
}
