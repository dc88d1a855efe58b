package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's socket side with cells of a fake tracer (each cell's records are its name, twice):
 * records over the socket, concurrent clients, a client gone mid-cell, idle and bpftrace's end.
 */
class DaemonServerTest {
  @TempDir Path dir;
  private final FakeCells cells = new FakeCells();
  private final MutableClock clock = new MutableClock();
  private DaemonServer server;
  private DaemonState state;

  /** Cells whose records are known up front; what was dropped and removed is kept. */
  static final class FakeCells implements DaemonServer.Cells {
    final AtomicLong ids = new AtomicLong(100);
    final Map<Long, String> names = new ConcurrentHashMap<>();
    final Set<Long> dropped = ConcurrentHashMap.newKeySet();
    final Set<Long> removed = ConcurrentHashMap.newKeySet();
    final AtomicBoolean alive = new AtomicBoolean(true);
    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch removedOne = new CountDownLatch(1);

    @Override
    public TracedCell open(String name) {
      long id = ids.incrementAndGet();
      names.put(id, name);
      TracedCell.Collect c =
          new TracedCell.Collect() {
            @Override
            public BpfOutput.Records collect(long i) {
              return new BpfOutput.Records(List.of("X\t" + i + "\t" + name, "Q\t" + i), 3, 0);
            }

            @Override
            public void drop(long i) {
              dropped.add(i);
            }
          };
      opened.countDown();
      return new TracedCell(
          c,
          "/root/" + name + "-" + id,
          id,
          () -> {
            removed.add(id);
            removedOne.countDown();
          });
    }

    @Override
    public void sweep(Set<String> open) {}

    @Override
    public long bpftracePid() {
      return 4242;
    }

    @Override
    public boolean alive() {
      return alive.get();
    }

    @Override
    public String root() {
      return "root";
    }
  }

  static final class MutableClock extends Clock {
    volatile Instant now = Instant.parse("2026-12-02T03:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() throws Exception {
    state = new DaemonState(dir);
    server = new DaemonServer(cells, Duration.ofMinutes(30), clock);
    server.start(state.socket());
  }

  @AfterEach
  void stop() {
    server.stop("test over");
  }

  @Test
  void cell_opensOverTheSocket_andStopReturnsItsRecords() throws Exception {
    DaemonClient client = DaemonClient.connect(state).orElseThrow();
    assertEquals(4242, client.hello().bpftracePid());
    assertEquals("root", client.hello().cgroupRoot());
    TracedCell cell = client.cell("run-7");
    assertEquals("/root/run-7-" + cell.id(), cell.cgroupParent());
    assertEquals(List.of("X\t" + cell.id() + "\trun-7", "Q\t" + cell.id()), cell.stop());
    assertEquals(3, cell.dropped());
    assertTrue(cells.removed.contains(cell.id()), "its directory removed after its records");
    assertEquals(1, DaemonClient.connect(state).orElseThrow().hello().cellsTraced());
  }

  @Test
  void twoClientsAtOnce_eachGetsItsOwnCellAndRecords() throws Exception {
    DaemonClient a = DaemonClient.connect(state).orElseThrow();
    DaemonClient b = DaemonClient.connect(state).orElseThrow();
    TracedCell ca = a.cell("run-a");
    TracedCell cb = b.cell("run-b");
    assertNotEquals(ca.id(), cb.id());
    assertEquals(2, DaemonClient.connect(state).orElseThrow().hello().cellsOpen());
    assertEquals("X\t" + cb.id() + "\trun-b", cb.stop().get(0));
    assertEquals("X\t" + ca.id() + "\trun-a", ca.stop().get(0));
  }

  @Test
  void clientGoneMidCell_hasItsCellDroppedAndItsDirectoryRemoved() throws Exception {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(state.socket()));
      ch.write(StandardCharsets.UTF_8.encode("OPEN run-dies\n"));
      assertTrue(cells.opened.await(10, TimeUnit.SECONDS));
    } // the client dies: its end of the connection closes
    long id = cells.names.keySet().iterator().next();
    assertTrue(cells.removedOne.await(10, TimeUnit.SECONDS), "the server saw the end");
    assertTrue(cells.dropped.contains(id), "records dropped");
    assertTrue(cells.removed.contains(id), "directory removed");
    assertEquals(0, DaemonClient.connect(state).orElseThrow().hello().cellsOpen());
  }

  @Test
  void noClientForTheIdleTime_stopsTheServer() throws Exception {
    server.stop("replaced");
    server = new DaemonServer(cells, Duration.ofSeconds(2), clock);
    server.start(state.socket());
    clock.now = clock.now.plusSeconds(3);
    assertEquals("no client for 0 min", awaitStop());
    assertTrue(DaemonClient.connect(state).isEmpty(), "the socket no longer answers");
  }

  @Test
  void bpftraceGone_stopsTheServer() throws Exception {
    cells.alive.set(false);
    assertEquals("bpftrace exited", awaitStop());
  }

  @Test
  void stopRequest_stopsTheServer() throws Exception {
    DaemonClient.connect(state).orElseThrow().stop();
    assertEquals("stopped by a client", awaitStop());
  }

  @Test
  void unknownRequestOrClosingAnotherConnectionsCell_isRefusedByName() throws Exception {
    TracedCell other = DaemonClient.connect(state).orElseThrow().cell("run-x");
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(state.socket()));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      ch.write(StandardCharsets.UTF_8.encode("FOO 1\n"));
      assertEquals("ERR unknown request 'FOO'", in.readLine());
      ch.write(StandardCharsets.UTF_8.encode("CLOSE " + other.id() + "\n"));
      assertEquals("ERR no open cell " + other.id() + " on this connection", in.readLine());
    }
    assertEquals(2, other.stop().size(), "the other connection's cell is untouched");
  }

  private String awaitStop() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    String[] why = new String[1];
    Thread t =
        new Thread(
            () -> {
              try {
                why[0] = server.awaitStop();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.countDown();
            });
    t.start();
    assertTrue(done.await(15, TimeUnit.SECONDS), "the server stopped");
    return why[0];
  }
}
