package io.splitcheck.tracer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the host's tracer daemon keeps its state: a folder (default {@value #DEFAULT_DIR}) with the
 * lock the live daemon holds for its whole life ({@code daemon.lock}: the kernel releases it when
 * the daemon dies, even by SIGKILL), its pid file ({@code daemon.pid}), its control socket ({@code
 * control.sock}) and its log, plus the cgroup root its cells run under. State without a lock holder
 * is stale: {@link #cleanIfStale} removes it, and kills the bpftrace the dead daemon left.
 */
public final class DaemonState {
  public static final String DEFAULT_DIR = "/run/splitcheck/ebpf";

  /** The environment variable (or system property {@value #PROPERTY}) naming the folder, or off. */
  public static final String ENV = "SPLITCHECK_EBPF_DAEMON";

  public static final String PROPERTY = "splitcheck.ebpf.daemon";
  private static final String DEFAULT_ROOT = "splitcheck-ebpf-daemon";
  private final Path dir;

  public DaemonState(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * The daemon a run should ask for: {@value #PROPERTY}, else {@value #ENV}, else the default
   * folder; empty when set to {@code off}.
   */
  public static Optional<DaemonState> configured() {
    String v = System.getProperty(PROPERTY, System.getenv(ENV));
    if (v == null || v.isBlank()) {
      return Optional.of(new DaemonState(Path.of(DEFAULT_DIR)));
    }
    return v.equals("off") ? Optional.empty() : Optional.of(new DaemonState(Path.of(v)));
  }

  public Path dir() {
    return dir;
  }

  Path socket() {
    return dir.resolve("control.sock");
  }

  Path pidFile() {
    return dir.resolve("daemon.pid");
  }

  public Path log() {
    return dir.resolve("daemon.log");
  }

  /**
   * The cgroup root of the daemon's cells: {@value #DEFAULT_ROOT} for the default folder, with a
   * suffix from the folder's path for any other.
   */
  String cgroupRoot() {
    return dir.equals(Path.of(DEFAULT_DIR))
        ? DEFAULT_ROOT
        : DEFAULT_ROOT + "-" + Integer.toHexString(dir.toString().hashCode());
  }

  /** The daemon's pid and bpftrace's, each with its start time (to tell a reused pid). */
  record Owner(long pid, Instant started, long bpftracePid, Instant bpftraceStarted) {
    String text() {
      return "pid="
          + pid
          + "\nstarted="
          + started
          + "\nbpftrace="
          + bpftracePid
          + "\nbpftraceStarted="
          + bpftraceStarted
          + "\n";
    }

    static Owner parse(Path file, List<String> lines) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String l : lines) {
        int eq = l.indexOf('=');
        if (eq > 0) {
          m.put(l.substring(0, eq), l.substring(eq + 1));
        }
      }
      try {
        return new Owner(
            Long.parseLong(field(file, m, "pid")),
            Instant.parse(field(file, m, "started")),
            Long.parseLong(field(file, m, "bpftrace")),
            Instant.parse(field(file, m, "bpftraceStarted")));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Error parsing " + file + ": expected pid, started, bpftrace, bpftraceStarted", e);
      }
    }

    private static String field(Path file, Map<String, String> m, String name) {
      String v = m.get(name);
      if (v == null) {
        throw new IllegalArgumentException(file + " has no field " + name);
      }
      return v;
    }
  }

  void writeOwner(Owner o) throws IOException {
    Path tmp = dir.resolve("daemon.pid.tmp");
    Files.writeString(tmp, o.text(), StandardCharsets.UTF_8);
    Files.move(tmp, pidFile(), StandardCopyOption.ATOMIC_MOVE);
  }

  Optional<Owner> owner() {
    try {
      return Optional.of(Owner.parse(pidFile(), Files.readAllLines(pidFile())));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The daemon's lock, taken; null when a live daemon holds it. Closing the channel frees it. */
  FileChannel tryLock() throws IOException {
    Files.createDirectories(dir);
    FileChannel ch =
        FileChannel.open(
            dir.resolve("daemon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock != null) {
        return ch;
      }
    } catch (OverlappingFileLockException e) {
      // this JVM is the daemon
    }
    ch.close();
    return null;
  }

  /**
   * Removes the state of a daemon that is gone (no process holds its lock): kills the bpftrace it
   * recorded if that very process still runs, rmdirs its cgroup root and deletes its socket and pid
   * file. Says what it removed; empty when nothing was stale (or a daemon is alive).
   */
  Optional<String> cleanIfStale() throws IOException {
    if (!Files.exists(socket()) && !Files.exists(pidFile())) {
      return Optional.empty();
    }
    try (FileChannel lock = tryLock()) {
      return lock == null ? Optional.empty() : Optional.of(removeStale());
    }
  }

  /** {@link #cleanIfStale}'s removal, for the caller that holds the lock. */
  String removeStale() throws IOException {
    List<String> done = new ArrayList<>();
    owner().ifPresent(o -> done.add("daemon pid " + o.pid() + killed(o)));
    CgroupDirs.removeRootQuietly(cgroupRoot());
    for (Path f : List.of(socket(), pidFile())) {
      if (Files.deleteIfExists(f)) {
        done.add(f.getFileName().toString());
      }
    }
    return "stale tracer daemon state removed: " + String.join(", ", done);
  }

  /** Clean-up at a daemon's own stop: its socket and pid file. */
  void removeFiles() {
    for (Path f : List.of(socket(), pidFile())) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // the next start's stale check removes it
      }
    }
  }

  /** SIGKILL, then up to 10 s for bpftrace to detach its probes and go. */
  private static void killAndWait(ProcessHandle h) {
    h.destroyForcibly();
    try {
      h.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // reported as killed: the signal was sent
    }
  }

  private static String killed(Owner o) {
    Optional<ProcessHandle> b =
        ProcessHandle.of(o.bpftracePid())
            .filter(h -> h.info().startInstant().map(o.bpftraceStarted()::equals).orElse(false));
    b.ifPresent(DaemonState::killAndWait);
    return b.isPresent() ? " (its bpftrace " + o.bpftracePid() + " killed)" : "";
  }
}
