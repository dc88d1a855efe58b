package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The host's tracer daemon ({@code splitcheck tracer serve}, started detached by {@code splitcheck
 * tracer start}): one bpftrace running the same program as the JVM's own tracer, its cells below
 * the cgroup root of its {@link DaemonState}, served to CLI runs over the control socket. It holds
 * the state's lock for its whole life; at its end (STOP, idle, bpftrace gone, SIGTERM) it kills
 * bpftrace and removes its cgroup directories, socket and pid file.
 */
public final class EbpfDaemon {
  private EbpfDaemon() {}

  /**
   * Runs the daemon until it stops; prints {@code ready PID} on {@code ready} once bpftrace has
   * attached and the socket listens (the starting CLI waits for that line).
   *
   * @return why it stopped
   */
  public static String serve(DaemonState state, Duration idle, Clock clock, PrintStream ready)
      throws EngineException, IOException, InterruptedException {
    try (FileChannel lock = state.tryLock()) {
      if (lock == null) {
        throw new EngineException("a tracer daemon already runs with state in " + state.dir());
      }
      state.removeStale(); // holds the lock: a dead daemon's bpftrace, socket, cgroups
      EbpfTracer tracer = EbpfTracer.start(state.cgroupRoot());
      DaemonServer server = new DaemonServer(cells(tracer, state.cgroupRoot()), idle, clock);
      Thread hook = new Thread(() -> server.stop("terminated"), "splitcheck-daemon-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        state.writeOwner(owner(tracer));
        server.start(state.socket());
        ready.println("ready " + ProcessHandle.current().pid());
        ready.flush();
        return server.awaitStop();
      } finally {
        server.stop("stopping");
        tracer.close();
        state.removeFiles();
      }
    }
  }

  private static DaemonState.Owner owner(EbpfTracer tracer) {
    ProcessHandle self = ProcessHandle.current();
    Instant none = Instant.EPOCH;
    return new DaemonState.Owner(
        self.pid(),
        self.info().startInstant().orElse(none),
        tracer.bpftracePid(),
        ProcessHandle.of(tracer.bpftracePid()).flatMap(h -> h.info().startInstant()).orElse(none));
  }

  private static DaemonServer.Cells cells(EbpfTracer tracer, String root) {
    return new DaemonServer.Cells() {
      @Override
      public TracedCell open(String name) throws EngineException {
        return tracer.cell(name);
      }

      @Override
      public void sweep(Set<String> open) {
        tracer.sweep(open);
      }

      @Override
      public long bpftracePid() {
        return tracer.bpftracePid();
      }

      @Override
      public boolean alive() {
        return tracer.alive();
      }

      @Override
      public String root() {
        return root;
      }
    };
  }
}
