package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.TempFolder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running bpftrace: its standard output read as it comes into a {@link BpfOutput} (unbuffered,
 * {@code -B none}), its standard error's last lines kept for the error message. Started means
 * attached: {@link #start} returns when bpftrace has printed "Attaching N probes...". {@link
 * #flush} waits until every record made before the call has been read, by a marker: an exec of a
 * child of this JVM, which the program prints as {@code M 0 PID}.
 */
final class BpfProcess {
  private static final int ERROR_LINES = 20;
  static final int PERF_PAGES = 1024;
  private static final long FLUSH_SECONDS = 30;
  private static final long MARKER_RETRY_MILLIS = 100;
  private final Process process;
  private final BpfOutput output;
  private final Path program;
  private final Deque<String> errors = new ArrayDeque<>();
  private Thread errorReader;

  private BpfProcess(Process process, BpfOutput output, Path program) {
    this.process = process;
    this.output = output;
    this.program = program;
  }

  static BpfProcess start(String text, int strlen, int head, int tail, long attachSeconds)
      throws EngineException {
    Path program;
    Process p;
    try {
      program =
          TempFolder.file(
              "ebpf-", ".bt"); // in the process's owned folder, removed at exit and by gc
      Files.writeString(program, text, StandardCharsets.UTF_8);
      ProcessBuilder pb =
          new ProcessBuilder(EbpfTracer.BPFTRACE.toString(), "-B", "none", program.toString());
      pb.environment().put("BPFTRACE_STRLEN", Integer.toString(strlen));
      // 4 MiB a CPU, not bpftrace's 256 KiB: a burst of failures while this JVM is slow to read
      // (a loaded CI machine) overflowed it, and a lost record reads as a call that never failed
      pb.environment().put("BPFTRACE_PERF_RB_PAGES", Integer.toString(PERF_PAGES));
      p = pb.start();
    } catch (IOException e) {
      throw new EngineException("starting bpftrace failed: " + e.getMessage(), e);
    }
    BpfProcess b = new BpfProcess(p, new BpfOutput(head, tail), program);
    reader(p.getInputStream(), b.output::accept, b.output::end, "splitcheck-ebpf-out");
    b.errorReader = reader(p.getErrorStream(), b::error, () -> {}, "splitcheck-ebpf-err");
    b.awaitAttached(attachSeconds);
    b.awaitProbes(attachSeconds);
    return b;
  }

  private void awaitAttached(long seconds) throws EngineException {
    try {
      if (output.awaitAttached(seconds, TimeUnit.SECONDS)) {
        return;
      }
      boolean exited = process.waitFor(5, TimeUnit.SECONDS);
      errorReader.join(TimeUnit.SECONDS.toMillis(5)); // all of its message
      stop();
      throw new EngineException(
          "bpftrace "
              + program
              + (exited
                  ? " exited " + process.exitValue() + ": " + errors()
                  : " did not attach within " + seconds + " s"));
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for bpftrace to attach", e);
    }
  }

  BpfOutput output() {
    return output;
  }

  boolean alive() {
    return process.isAlive() && !output.ended();
  }

  /**
   * bpftrace prints "Attaching N probes..." before it attaches them, one after another in the
   * program's order, the marker's probe last: a marker printed is the sign that all are on. Starts
   * a marker every {@code MARKER_RETRY_MILLIS} until one is printed.
   */
  private void awaitProbes(long seconds) throws EngineException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new EngineException("bpftrace " + program + " exited: " + errors());
      }
      try {
        Process marker = new ProcessBuilder("/bin/true").start();
        marker.waitFor(FLUSH_SECONDS, TimeUnit.SECONDS);
        if (output.awaitMarker(marker.pid(), MARKER_RETRY_MILLIS, TimeUnit.MILLISECONDS)
            && alive()) {
          return;
        }
      } catch (IOException e) {
        throw new EngineException(
            "starting /bin/true (the eBPF tracer's marker) failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        stop();
        Thread.currentThread().interrupt();
        throw new EngineException("interrupted waiting for bpftrace's probes", e);
      }
    }
    stop();
    throw new EngineException(
        "bpftrace " + program + " printed no marker within " + seconds + " s of attaching");
  }

  /** Returns once every record the kernel made before this call has been read from bpftrace. */
  void flush() throws EngineException {
    if (!alive()) {
      throw new EngineException("bpftrace " + program + " exited: " + errors());
    }
    List<Process> markers = new ArrayList<>();
    try {
      List<Integer> cpus = CpuPinning.cpus();
      if (cpus.isEmpty()) {
        markers.add(new ProcessBuilder("/bin/true").start());
      }
      for (int cpu : cpus) { // one a CPU: each CPU's buffer is read in order, the CPUs are not
        markers.add(CpuPinning.startOn(cpu, "/bin/true"));
      }
      for (Process marker : markers) {
        marker.waitFor(FLUSH_SECONDS, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new EngineException(
          "starting /bin/true (the eBPF tracer's marker) failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted starting the eBPF tracer's marker", e);
    }
    for (Process marker : markers) {
      if (!await(output, marker.pid(), FLUSH_SECONDS)) {
        throw new EngineException(
            "bpftrace "
                + program
                + " did not print the marker of pid "
                + marker.pid()
                + " within "
                + FLUSH_SECONDS
                + " s"
                + (alive() ? "" : " (it exited: " + errors() + ")"));
      }
    }
  }

  /** Kills bpftrace (its probes go with its file descriptors) and removes the program file. */
  void stop() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(program);
    } catch (IOException e) {
      // a temp file left behind is harmless
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void error(String line) {
    if (!line.contains("RLIMIT_MEMLOCK") && !line.contains("WARNING") && !line.isBlank()) {
      errors.addLast(line.strip());
      if (errors.size() > ERROR_LINES) {
        errors.removeFirst();
      }
    }
  }

  synchronized String errors() {
    List<String> kept = new ArrayList<>(errors);
    return kept.isEmpty()
        ? "no message"
        : String.join(" / ", kept.subList(0, Math.min(4, kept.size())));
  }

  long pid() {
    return process.pid();
  }

  /** Reads a process's output stream line by line into {@code sink} until it ends. */
  static Thread reader(InputStream in, Consumer<String> sink, Runnable atEnd, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // the process went away: its output ends here
              } finally {
                atEnd.run();
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Waits {@code unit} for the marker of {@code pid}; used by {@link #flush}. */
  static boolean await(BpfOutput out, long pid, long seconds) throws EngineException {
    try {
      return out.awaitMarker(pid, seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for bpftrace's output", e);
    }
  }
}
