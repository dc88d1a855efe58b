package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import io.splitcheck.tracer.DaemonProtocol.Closed;
import io.splitcheck.tracer.DaemonProtocol.Hello;
import io.splitcheck.tracer.DaemonProtocol.Opened;
import io.splitcheck.tracer.DaemonProtocol.Request;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tracer daemon's socket side: accepts connections on the control socket, one thread each, and
 * answers {@link DaemonProtocol} requests from its {@link Cells}. It stops on STOP, when bpftrace
 * is gone, or when no client has been connected for {@code idle}; every minute, and when a client
 * goes away, it sweeps the cell directories no open cell owns.
 */
final class DaemonServer {
  /** What the server serves: the daemon's bpftrace and its cgroup root. */
  interface Cells {
    TracedCell open(String name) throws EngineException;

    /** rmdir of the cell directories other than {@code open}'s. */
    void sweep(Set<String> open);

    long bpftracePid();

    boolean alive();

    /** The cgroup root the cells are made under. */
    String root();
  }

  private static final Duration SWEEP = Duration.ofMinutes(1);
  private final Cells cells;
  private final Duration idle;
  private final Clock clock;
  private final Instant since;
  private final Map<Long, TracedCell> open = new ConcurrentHashMap<>();
  private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong traced = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Instant lastActive;
  private volatile String why = "";
  private ServerSocketChannel server;
  private Path socket;

  DaemonServer(Cells cells, Duration idle, Clock clock) {
    this.cells = cells;
    this.idle = idle;
    this.clock = clock;
    this.since = clock.instant();
    this.lastActive = since;
  }

  /** Listens on {@code socket} (a stale file there is replaced) and serves in the background. */
  void start(Path socket) throws IOException {
    Files.deleteIfExists(socket);
    this.socket = socket;
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread accept = new Thread(this::acceptLoop, "splitcheck-daemon-accept");
    accept.setDaemon(true);
    accept.start();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "splitcheck-daemon-timer");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, Math.min(idle.toSeconds() / 4, 5));
    timer.scheduleAtFixedRate(this::check, every, every, TimeUnit.SECONDS);
    timer.scheduleAtFixedRate(this::sweep, SWEEP.toSeconds(), SWEEP.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits until the server stops and says why. */
  String awaitStop() throws InterruptedException {
    stopped.await();
    return why;
  }

  /** Stops serving: the socket closes, every client's connection ends, open cells are dropped. */
  synchronized void stop(String reason) {
    if (stopped.getCount() == 0) {
      return;
    }
    why = reason;
    try {
      Files.deleteIfExists(socket); // no new client finds it, even before the close completes
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    clients.forEach(DaemonServer::closeQuietly);
    open.values().forEach(TracedCell::abandon);
    open.clear();
    stopped.countDown();
  }

  private void check() {
    if (!cells.alive()) {
      stop("bpftrace exited");
    } else if (connections.get() == 0
        && Duration.between(lastActive, clock.instant()).compareTo(idle) > 0) {
      stop("no client for " + idle.toMinutes() + " min");
    }
  }

  private void sweep() {
    synchronized (open) {
      cells.sweep(openDirs());
    }
  }

  private Set<String> openDirs() {
    Set<String> dirs = new HashSet<>();
    for (TracedCell c : open.values()) {
      String p = c.cgroupParent();
      dirs.add(p.substring(p.lastIndexOf('/') + 1));
    }
    return dirs;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        connections.incrementAndGet();
        clients.add(ch);
        Thread t = new Thread(() -> serve(ch), "splitcheck-daemon-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed by stop
      }
    }
  }

  private void serve(SocketChannel ch) {
    Map<Long, TracedCell> mine = new HashMap<>();
    try (ch;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
        Writer out =
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lastActive = clock.instant();
        if (!answer(Request.parse(line), mine, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      clients.remove(ch);
      mine.values().forEach(this::abandon);
      lastActive = clock.instant();
      connections.decrementAndGet();
      sweep(); // a dead client's cells whose containers have ended since
    }
  }

  /** Answers one request; false when the connection is to end (STOP). */
  private boolean answer(Request r, Map<Long, TracedCell> mine, Writer out) throws IOException {
    try {
      switch (r.verb()) {
        case "HELLO" -> reply(out, hello().line());
        case "OPEN" -> {
          TracedCell c = open(r.argument());
          mine.put(c.id(), c);
          reply(out, new Opened(c.id(), c.cgroupParent()).line());
        }
        case "CLOSE" -> close(Long.parseLong(r.argument()), mine, out);
        case "STOP" -> {
          reply(out, "OK");
          stop("stopped by a client");
          return false;
        }
        default -> reply(out, DaemonProtocol.error("unknown request '" + r.verb() + "'"));
      }
    } catch (EngineException | RuntimeException e) {
      reply(out, DaemonProtocol.error(String.valueOf(e.getMessage())));
    }
    return true;
  }

  Hello hello() {
    return new Hello(
        ProcessHandle.current().pid(),
        cells.bpftracePid(),
        since,
        traced.get(),
        open.size(),
        idle.toSeconds(),
        cells.root());
  }

  private TracedCell open(String name) throws EngineException {
    if (name.isBlank()) {
      throw new IllegalArgumentException("OPEN needs a cell name");
    }
    synchronized (open) { // never swept between its mkdir and its registration
      TracedCell c = cells.open(name);
      open.put(c.id(), c);
      return c;
    }
  }

  private void close(long id, Map<Long, TracedCell> mine, Writer out)
      throws EngineException, IOException {
    TracedCell c = mine.remove(id);
    if (c == null) {
      throw new IllegalArgumentException("no open cell " + id + " on this connection");
    }
    List<String> lines;
    try {
      lines = c.stop();
    } finally {
      open.remove(id);
    }
    traced.incrementAndGet();
    out.write(new Closed(lines.size(), c.dropped(), c.lost()).line());
    out.write('\n');
    for (String l : lines) {
      out.write(l);
      out.write('\n');
    }
    out.flush();
  }

  private void abandon(TracedCell c) {
    open.remove(c.id());
    c.abandon();
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line);
    out.write('\n');
    out.flush();
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // gone already
    }
  }
}
