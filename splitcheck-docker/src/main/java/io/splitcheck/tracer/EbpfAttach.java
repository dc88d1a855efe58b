package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import io.splitcheck.trace.bpf.BpfTraceLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code splitcheck trace CONTAINER} under the eBPF tracer: a bpftrace of its own, filtered in the
 * kernel to the running container's cgroup (v2), from now until the container's first process
 * exits, {@code limit} passes or {@code stop} completes (Ctrl-C). Nothing enters the container and
 * nothing is ptraced.
 */
public final class EbpfAttach {
  private EbpfAttach() {}

  /**
   * The container's failing calls, forks, execs and exits in the strace form (see {@link
   * BpfTraceLog}).
   */
  public static List<String> trace(
      long hostPid, Duration limit, CompletableFuture<?> stop, Runnable attached)
      throws EngineException {
    String cgroup = cgroupOf(hostPid);
    try (EbpfTracer tracer = EbpfTracer.forCgroup(cgroup)) {
      TracedCell cell = tracer.container(cgroup);
      attached.run();
      CompletableFuture<?> exited =
          ProcessHandle.of(hostPid)
              .map(ProcessHandle::onExit)
              .orElse(CompletableFuture.completedFuture(null));
      try {
        CompletableFuture.anyOf(exited, stop).get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // --duration passed
      } catch (ExecutionException e) {
        // a stop that failed is a stop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return BpfTraceLog.ofRunning(cell.stop(), cell.id(), "eBPF trace of cgroup " + cgroup)
          .straceLines();
    }
  }

  /** The process's cgroup v2 path, from the {@code 0::} line of {@code /proc/PID/cgroup}. */
  static String cgroupOf(long pid) throws EngineException {
    Path file = Path.of("/proc/" + pid + "/cgroup");
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("0::"))
          .map(l -> l.substring(3))
          .findFirst()
          .orElseThrow(() -> new EngineException(file + " names no cgroup v2 path (no 0:: line)"));
    } catch (IOException e) {
      throw new EngineException("reading " + file + " failed: " + e.getMessage(), e);
    }
  }
}
