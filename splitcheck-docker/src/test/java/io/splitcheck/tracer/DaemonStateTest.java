package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed with -9 leaves its socket, pid file and bpftrace: found stale (its lock is free)
 * and removed, and its bpftrace killed only when that very process still runs.
 */
class DaemonStateTest {
  @TempDir Path dir;
  private Process leftover;

  @AfterEach
  void kill() {
    if (leftover != null) {
      leftover.destroyForcibly();
    }
  }

  /** What a daemon killed with -9 leaves: a socket file nobody listens on and its pid file. */
  private DaemonState killedDaemon(Process bpftrace, Instant bpftraceStart) throws Exception {
    DaemonState s = new DaemonState(dir);
    try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.bind(UnixDomainSocketAddress.of(s.socket())); // closing leaves the file
    }
    s.writeOwner(
        new DaemonState.Owner(
            999_999_999L, Instant.parse("2026-12-02T05:00:00Z"), bpftrace.pid(), bpftraceStart));
    return s;
  }

  @Test
  void staleState_isRemoved_andTheDeadDaemonsBpftraceKilled() throws Exception {
    leftover = new ProcessBuilder("sleep", "600").start();
    DaemonState s = killedDaemon(leftover, leftover.info().startInstant().orElseThrow());
    assertTrue(DaemonClient.connect(s).isEmpty(), "nothing answers on a dead daemon's socket");
    Optional<String> cleaned = s.cleanIfStale();
    assertTrue(leftover.waitFor(10, TimeUnit.SECONDS), "the left bpftrace was killed");
    assertEquals(
        Optional.of(
            "stale tracer daemon state removed: daemon pid 999999999 (its bpftrace "
                + leftover.pid()
                + " killed), control.sock, daemon.pid"),
        cleaned);
    assertFalse(Files.exists(s.socket()));
    assertFalse(Files.exists(s.pidFile()));
    assertEquals(Optional.empty(), s.cleanIfStale(), "nothing left to clean");
  }

  @Test
  void staleState_leavesAProcessAlone_thatOnlyReusedThePid() throws Exception {
    leftover = new ProcessBuilder("sleep", "600").start();
    DaemonState s = killedDaemon(leftover, Instant.parse("2020-01-01T00:00:00Z"));
    Optional<String> cleaned = s.cleanIfStale();
    assertEquals(
        Optional.of(
            "stale tracer daemon state removed: daemon pid 999999999, control.sock, daemon.pid"),
        cleaned);
    assertTrue(leftover.isAlive(), "a process of another start time is not the daemon's");
  }

  @Test
  void liveDaemonsState_isNotStale_whileItHoldsTheLock() throws Exception {
    leftover = new ProcessBuilder("sleep", "600").start();
    DaemonState s = killedDaemon(leftover, leftover.info().startInstant().orElseThrow());
    try (FileChannel lock = s.tryLock()) {
      assertTrue(lock != null);
      assertEquals(Optional.empty(), s.cleanIfStale());
      assertTrue(Files.exists(s.socket()) && Files.exists(s.pidFile()));
      assertTrue(leftover.isAlive());
    }
  }

  @Test
  void configured_followsThePropertyOrTheDefault_andOffMeansNone() {
    String before = System.getProperty(DaemonState.PROPERTY);
    try {
      System.setProperty(DaemonState.PROPERTY, "off");
      assertEquals(Optional.empty(), DaemonState.configured().map(DaemonState::dir));
      System.setProperty(DaemonState.PROPERTY, dir.toString());
      assertEquals(Optional.of(dir), DaemonState.configured().map(DaemonState::dir));
    } finally {
      if (before == null) {
        System.clearProperty(DaemonState.PROPERTY);
      } else {
        System.setProperty(DaemonState.PROPERTY, before);
      }
    }
    assertEquals(
        "splitcheck-ebpf-daemon", new DaemonState(Path.of(DaemonState.DEFAULT_DIR)).cgroupRoot());
    assertTrue(new DaemonState(dir).cgroupRoot().startsWith("splitcheck-ebpf-daemon-"));
  }

  @Test
  void badPidFile_namesTheFileAndWhatWasExpected() {
    Path f = dir.resolve("daemon.pid");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DaemonState.Owner.parse(f, List.of("pid=12", "started=yesterday")));
    assertEquals(
        "Error parsing " + f + ": expected pid, started, bpftrace, bpftraceStarted",
        e.getMessage());
  }
}
