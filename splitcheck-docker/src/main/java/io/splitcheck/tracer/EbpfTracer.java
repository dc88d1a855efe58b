package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The eBPF tracer: one bpftrace process ({@code bpf/failures.bt}) per JVM, started once (ahead of
 * need with {@link #prestart}) and shared by every matrix, suite and test of the JVM. Each traced
 * cell runs under its own cgroup parent {@code /splitcheck-ebpf-PID/NAME} (made by {@link #cell},
 * its id read before the cell starts); the program sees only tasks below the root directory, in the
 * kernel, and tags each record with the cell's id, by which the output is split per cell as it is
 * read. The cells are traced in their verdict runs: nothing runs twice, nothing is ptraced. Needs
 * root, bpftrace with BTF, tracefs and a cgroup v2 hierarchy (the unified one of a hybrid host will
 * do) on the engine's own host; {@link #unavailable} says why not. {@link #forCgroup} starts a
 * tracer of its own for one running container.
 */
public final class EbpfTracer implements CellTracer, AutoCloseable {
  static final Path BPFTRACE = Path.of("/usr/bin/bpftrace");
  private static final int STRLEN = 64;
  private static final long ATTACH_SECONDS = 180;

  /**
   * Records kept per cell from its start and its end (a record is about 60 bytes); those between
   * are counted.
   */
  public static final int RECORDS_HEAD = 200_000;

  public static final int RECORDS_TAIL = 50_000;
  // Process-wide by design: one bpftrace serves the whole JVM (its start costs seconds of CPU; a
  // second one would double every syscall's cost on the host) and is killed by the JVM's shutdown
  // hook; the count says how many cells this JVM had traced (by its tracer or the daemon).
  private static final AtomicLong TRACED = new AtomicLong();
  private static CompletableFuture<EbpfTracer> shared;

  private final CgroupDirs dirs;
  private final BpfProcess process;
  private final AtomicInteger sequence = new AtomicInteger();

  private EbpfTracer(CgroupDirs dirs, BpfProcess process) {
    this.dirs = dirs;
    this.process = process;
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
      return Optional.of(
          "tracefs is not mounted at /sys/kernel/tracing (mount -t tracefs nodev /sys/kernel/tracing)");
    }
    if (!Files.exists(Path.of("/sys/kernel/btf/vmlinux"))) {
      return Optional.of("the kernel has no BTF (/sys/kernel/btf/vmlinux)");
    }
    return CgroupDirs.v2Mount().isPresent()
        ? Optional.empty()
        : Optional.of("no cgroup v2 hierarchy is mounted");
  }

  /**
   * Starts the JVM's shared tracer in the background, so bpftrace compiles and attaches while the
   * caller prepares its images; {@link #shared} then waits for it. Does nothing when it is started
   * already or {@link #unavailable} finds something missing.
   */
  public static synchronized void prestart() {
    if (shared != null
        && shared.isDone()
        && !shared.isCompletedExceptionally()
        && !shared.join().process.alive()) {
      shared
          .join()
          .close(); // bpftrace went away (killed from outside): the next start makes a new one
      shared = null;
    }
    if ((shared == null || shared.isCompletedExceptionally()) && unavailable().isEmpty()) {
      shared =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return startShared();
                } catch (EngineException e) {
                  throw new CompletionException(e);
                }
              });
    }
  }

  /**
   * The JVM's shared tracer, started now if {@link #prestart} did not; it runs until the JVM exits.
   */
  public static EbpfTracer shared() throws EngineException {
    CompletableFuture<EbpfTracer> f;
    synchronized (EbpfTracer.class) {
      prestart();
      f =
          shared == null
              ? CompletableFuture.failedFuture(
                  new EngineException("the eBPF tracer cannot run: " + unavailable().orElse("?")))
              : shared;
    }
    try {
      EbpfTracer t = f.get();
      if (!t.process.alive()) {
        throw new EngineException("bpftrace exited: " + t.process.errors());
      }
      return t;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof EngineException ee
          ? ee
          : new EngineException("starting bpftrace failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for bpftrace to attach", e);
    }
  }

  private static EbpfTracer startShared() throws EngineException {
    return start("splitcheck-ebpf-" + ProcessHandle.current().pid());
  }

  /**
   * A tracer of cells below the cgroup root {@code root} (made now, emptied of leftovers first),
   * stopped by {@link #close} or the JVM's exit: the JVM's shared one, or the daemon's.
   */
  static EbpfTracer start(String root) throws EngineException {
    CgroupDirs dirs = CgroupDirs.create(root);
    try {
      String kn = BpfProgram.kernfsParentField(System.getProperty("os.version"));
      BpfProcess p;
      try {
        p = startFiltered(dirs.rootId(), kn);
      } catch (EngineException e) {
        if (!e.getMessage().contains("kernfs_node")) {
          throw e;
        }
        p = startFiltered(dirs.rootId(), kn.equals("parent") ? "__parent" : "parent"); // a backport
      }
      EbpfTracer t = new EbpfTracer(dirs, p);
      Runtime.getRuntime().addShutdownHook(new Thread(t::close, "splitcheck-ebpf-stop"));
      return t;
    } catch (EngineException | RuntimeException e) {
      dirs.removeQuietly();
      throw e;
    }
  }

  /**
   * A tracer of its own for the processes of one cgroup v2 directory that exists already (a running
   * container's, {@code path} as {@code /proc/PID/cgroup}'s {@code 0::} line names it); its one
   * cell is that cgroup. Close it when done.
   */
  public static EbpfTracer forCgroup(String path) throws EngineException {
    long id = CgroupDirs.idOf(path);
    return new EbpfTracer(
        null,
        BpfProcess.start(
            BpfProgram.text("cgroup == " + id, "cgroup"),
            STRLEN,
            RECORDS_HEAD,
            RECORDS_TAIL,
            ATTACH_SECONDS));
  }

  private static BpfProcess startFiltered(long rootId, String kn) throws EngineException {
    String filter = "curtask->cgroups->dfl_cgrp->kn->" + kn + "->" + kn + "->id == " + rootId;
    return BpfProcess.start(
        BpfProgram.text(filter, "curtask->cgroups->dfl_cgrp->kn->" + kn + "->id"),
        STRLEN,
        RECORDS_HEAD,
        RECORDS_TAIL,
        ATTACH_SECONDS);
  }

  /**
   * How many cells the tracers of this JVM have traced (for tests that check the tracer was used).
   */
  public static long tracedCells() {
    return TRACED.get();
  }

  /**
   * A cell to trace: its directory below the root is made now (so the program knows its id before
   * the cell starts) and its records are kept from now until {@link TracedCell#stop}.
   */
  @Override
  public TracedCell cell(String name) throws EngineException {
    if (dirs == null) {
      throw new IllegalStateException(
          "a tracer of one cgroup has no cells to add; use container()");
    }
    String dir = name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + sequence.incrementAndGet();
    long id = dirs.createCell(dir);
    process.output().open(id);
    return new TracedCell(collector(), dirs.cellParent(dir), id, () -> dirs.removeCellQuietly(dir));
  }

  /** The one cell of a tracer made by {@link #forCgroup}: the cgroup it follows. */
  public TracedCell container(String path) throws EngineException {
    long id = CgroupDirs.idOf(path);
    process.output().open(id);
    return new TracedCell(collector(), path, id, () -> {});
  }

  /** The records of cell {@code id} once every record made before this call has been read. */
  BpfOutput.Records collect(long id) throws EngineException {
    try {
      process.flush();
    } catch (EngineException e) {
      process.output().close(id);
      throw e;
    }
    countTraced();
    return process.output().close(id);
  }

  /** One more cell traced by this JVM (here or by the daemon for this JVM). */
  static void countTraced() {
    TRACED.incrementAndGet();
  }

  private TracedCell.Collect collector() {
    return new TracedCell.Collect() {
      @Override
      public BpfOutput.Records collect(long id) throws EngineException {
        return EbpfTracer.this.collect(id);
      }

      @Override
      public void drop(long id) {
        process.output().close(id);
      }
    };
  }

  /** bpftrace's pid. */
  long bpftracePid() {
    return process.pid();
  }

  /** Whether bpftrace still runs. */
  boolean alive() {
    return process.alive();
  }

  /** rmdir of the cell directories below the root other than {@code open}'s; busy ones stay. */
  void sweep(Set<String> open) {
    for (String name : dirs.cells()) {
      if (!open.contains(name)) {
        dirs.removeCellQuietly(name);
      }
    }
  }

  /** Stops bpftrace if running and removes the cgroup directories. */
  @Override
  public void close() {
    process.stop();
    if (dirs != null) {
      dirs.removeQuietly();
    }
  }
}
