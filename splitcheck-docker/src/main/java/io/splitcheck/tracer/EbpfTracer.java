package io.splitcheck.tracer;

import io.splitcheck.engine.TempFolder;
import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The eBPF tracer: one bpftrace process ({@code bpf/failures.bt}) for a whole matrix run, attached before
 * the first cell starts. Each cell runs under its own cgroup parent {@code /splitcheck-RUN/cell-I} (made
 * here in the cgroup v2 hierarchy, so its id is known before the cell starts); the program sees only tasks
 * below the run's directory and tags each record with the cell's. The cells are traced in their verdict runs:
 * nothing runs twice, nothing is ptraced. Needs root, bpftrace with BTF, tracefs and a cgroup v2 hierarchy
 * (the unified one of a hybrid host will do) on the engine's own host; {@link #unavailable} says why not.
 */
public final class EbpfTracer implements AutoCloseable {
  static final Path BPFTRACE = Path.of("/usr/bin/bpftrace");
  static final String PROGRAM = "/bpf/failures.bt";
  private static final int STRLEN = 64;
  private static final long ATTACH_SECONDS = 180;

  private final CgroupDirs dirs;
  private final Process process;
  private final Path out;
  private final Path err;
  private final Path program;
  private List<String> lines;

  private EbpfTracer(CgroupDirs dirs, Process process, Path out, Path err, Path program) {
    this.dirs = dirs;
    this.process = process;
    this.out = out;
    this.err = err;
    this.program = program;
  }

  /** Why the eBPF tracer cannot run here, or empty when it can. */
  public static Optional<String> unavailable() {
    if (!Files.isExecutable(BPFTRACE)) {
      return Optional.of(BPFTRACE + " is not installed (scripts/engine installs it)");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("loading BPF programs needs root");
    }
    if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events/raw_syscalls"))) {
      return Optional.of("tracefs is not mounted at /sys/kernel/tracing (mount -t tracefs nodev /sys/kernel/tracing)");
    }
    if (!Files.exists(Path.of("/sys/kernel/btf/vmlinux"))) {
      return Optional.of("the kernel has no BTF (/sys/kernel/btf/vmlinux)");
    }
    return CgroupDirs.v2Mount().isPresent() ? Optional.empty()
        : Optional.of("no cgroup v2 hierarchy is mounted");
  }

  /** Makes the cell directories, loads the program and waits until bpftrace has attached its probes. */
  public static EbpfTracer start(String runId, int cells) throws EngineException {
    CgroupDirs dirs = CgroupDirs.create("splitcheck-" + runId, cells);
    try {
      Path program = TempFolder.file(runId + "-", ".bt");
      Files.writeString(program, program(dirs.runId(), kernfsParentField()), StandardCharsets.UTF_8);
      Path out = TempFolder.file(runId + "-bpf-", ".out");
      Path err = TempFolder.file(runId + "-bpf-", ".err");
      ProcessBuilder pb = new ProcessBuilder(BPFTRACE.toString(), program.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("BPFTRACE_STRLEN", Integer.toString(STRLEN));
      EbpfTracer t = new EbpfTracer(dirs, pb.start(), out, err, program);
      t.awaitAttached();
      return t;
    } catch (IOException e) {
      dirs.removeQuietly();
      throw new EngineException("starting bpftrace failed: " + e.getMessage(), e);
    } catch (EngineException | RuntimeException e) {
      dirs.removeQuietly();
      throw e;
    }
  }

  /** The program with the run directory's id and the kernel's kernfs_node parent field filled in. */
  static String program(long runCgroupId, String kernfsParent) throws IOException {
    try (InputStream in = EbpfTracer.class.getResourceAsStream(PROGRAM)) {
      if (in == null) {
        throw new IOException("resource " + PROGRAM + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{CGROUP_ID}}", Long.toString(runCgroupId))
          .replace("{{KN_PARENT}}", kernfsParent);
    }
  }

  /** {@code __parent} on kernels since 6.15, {@code parent} before: asked of the kernel's BTF. */
  static String kernfsParentField() throws EngineException {
    String struct = Commands.output(List.of(BPFTRACE.toString(), "-lv", "struct kernfs_node"), 60);
    return struct.contains("*__parent;") ? "__parent" : "parent";
  }

  private void awaitAttached() throws EngineException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTACH_SECONDS);
    while (System.nanoTime() < deadline) {
      if (Files.readString(out, StandardCharsets.UTF_8).startsWith("Attaching")) {
        return;
      }
      if (!process.isAlive()) {
        throw new EngineException("bpftrace " + program + " exited " + process.exitValue() + ": "
            + errors());
      }
      sleep(100);
    }
    process.destroyForcibly();
    throw new EngineException("bpftrace " + program + " did not attach within " + ATTACH_SECONDS + " s");
  }

  /** The cgroup parent cell {@code i} runs under, as the engine's --cgroup-parent. */
  public String cgroupParent(int cell) {
    return dirs.cellParent(cell);
  }

  /** The id (inode number) of cell {@code i}'s cgroup directory, as the records carry it. */
  public long cellId(int cell) {
    return dirs.cellId(cell);
  }

  /**
   * Stops bpftrace (SIGINT: it drains its buffers and exits; bpftrace 0.17 ignores SIGTERM) and returns its
   * output lines.
   */
  public synchronized List<String> stop() throws EngineException {
    if (lines != null) {
      return lines;
    }
    try {
      sleep(200); // the perf buffers are read every 100 ms
      Commands.output(List.of("kill", "-INT", Long.toString(process.pid())), 10);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      lines = List.copyOf(Files.readAllLines(out, StandardCharsets.UTF_8));
      return lines;
    } catch (IOException e) {
      throw new EngineException("reading bpftrace output " + out + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted stopping bpftrace", e);
    }
  }

  /** Stops bpftrace if running, removes the cgroup directories and the temp files. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    dirs.removeQuietly();
    for (Path p : List.of(out, err, program)) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }

  private String errors() throws IOException {
    List<String> kept = new ArrayList<>();
    for (String l : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      if (!l.contains("RLIMIT_MEMLOCK") && !l.contains("WARNING") && !l.isBlank()) {
        kept.add(l.strip());
      }
    }
    return kept.isEmpty() ? "no message" : String.join(" / ", kept.subList(0, Math.min(4, kept.size())));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
