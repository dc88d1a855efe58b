package io.splitcheck.tracer;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.ContainerExit;
import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.ContainerSpec;
import io.splitcheck.engine.ContainerSpec.VolumeMount;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.Labels;
import io.splitcheck.engine.TracerBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs containers under strace from their first syscall and reads the trace back. The tracer bundle
 * is shipped once per run into a labelled volume mounted read-only; each traced run writes its
 * trace into its own labelled volume (a read-only root or a tmpfs could not be read after exit).
 */
public final class TraceCollector {
  /** Exactly the options the trace parser expects; never {@code --seccomp-bpf}. */
  public static final List<String> STRACE_OPTIONS = List.of("-f", "-qq", "-s", "256");

  static final String OUT_MOUNT = "/.splitcheck/out";
  static final String OUT_DIR = "t";
  static final String TRACE_FILE = OUT_MOUNT + "/" + OUT_DIR + "/trace.log";

  private final ContainerEngine engine;
  private final TracerBundle bundle;
  private final String runId;
  private final AtomicInteger sequence = new AtomicInteger();
  private String tracerVolume;

  public TraceCollector(ContainerEngine engine, TracerBundle bundle, String runId) {
    this.engine = engine;
    this.bundle = bundle;
    this.runId = runId;
  }

  /**
   * Lines kept from the start of a trace, and from its end (see {@link HeadTail}): ~100 MB at most.
   */
  public static final int HEAD_LINES = 400_000;

  public static final int TAIL_LINES = 100_000;

  /**
   * A traced run: the container's exit and the trace's lines (empty when strace wrote none).
   *
   * @param droppedLines how many lines between the first {@link #HEAD_LINES} and the last {@link
   *     #TAIL_LINES} were left out (0 for a trace within the bounds)
   */
  public record TracedExit(ContainerExit exit, List<String> lines, long droppedLines) {
    public TracedExit {
      lines = List.copyOf(lines);
    }

    public TracedExit(ContainerExit exit, List<String> lines) {
      this(exit, lines, 0);
    }
  }

  /**
   * Runs {@code spec} with its command {@code argv} (the original entrypoint and cmd, resolved)
   * under strace.
   */
  public TracedExit run(ContainerSpec spec, List<String> argv, String label)
      throws EngineException {
    return runWithTracer(spec.withCommand(bundle.command(TRACE_FILE, STRACE_OPTIONS), argv), label);
  }

  /** The role label of attach-mode sidecars, for {@link ContainerEngine#signal}. */
  public static final String ATTACH_ROLE = "attach-tracer";

  /**
   * Attaches strace to a running container's processes from a sidecar that shares its PID namespace
   * with only CAP_SYS_PTRACE added (all else dropped, read-only, no network, never privileged),
   * until the processes exit or {@code duration} passes.
   */
  public TracedExit attach(ContainerEngine.ContainerInfo target, Duration duration)
      throws EngineException {
    ContainerSpec sidecar =
        ContainerSpec.cell(
                target.image(),
                List.of(),
                ContainerSecurity.engineDefault()
                    .withDropAllCaps()
                    .withReadOnlyRoot(false)
                    .withNoNetwork()
                    .withNoNewPrivileges(),
                Labels.forRun(runId, ATTACH_ROLE),
                duration,
                64 * 1024)
            .asPtraceSidecarOf(target.id());
    ContainerSpec withCommand =
        sidecar.withCommand(
            bundle.attachCommand(TRACE_FILE, STRACE_OPTIONS, target.pids()), List.of());
    return runWithTracer(withCommand, "attach");
  }

  private TracedExit runWithTracer(ContainerSpec spec, String label) throws EngineException {
    String tracer = tracerVolume(spec.image());
    String out = "splitcheck-" + runId + "-trace-" + sequence.incrementAndGet() + "-" + label;
    engine.createVolume(out, Labels.forRun(runId, "trace-volume"));
    engine.copyIntoVolume(
        spec.image(),
        out,
        TracerBundle.writableDirectoryTar(OUT_DIR),
        Labels.forRun(runId, "volume-fill"));
    List<VolumeMount> volumes = new ArrayList<>(spec.volumes());
    volumes.add(new VolumeMount(tracer, TracerBundle.MOUNT, true));
    volumes.add(new VolumeMount(out, OUT_MOUNT, false));
    ContainerExit exit = engine.run(spec.withVolumes(volumes, TRACE_FILE));
    try {
      if (exit.readBack() == null) {
        return new TracedExit(exit, List.of());
      }
      HeadTail trace = HeadTail.read(exit.readBack(), HEAD_LINES, TAIL_LINES);
      return new TracedExit(exit, trace.lines(), trace.dropped());
    } catch (IOException e) {
      throw new EngineException(
          "reading the trace " + exit.readBack() + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(exit);
    }
  }

  private synchronized String tracerVolume(String image) throws EngineException {
    if (tracerVolume == null) {
      String name = "splitcheck-" + runId + "-tracer";
      engine.createVolume(name, Labels.forRun(runId, "tracer"));
      engine.copyIntoVolume(image, name, bundle.tar(), Labels.forRun(runId, "volume-fill"));
      tracerVolume = name;
    }
    return tracerVolume;
  }

  private static void deleteQuietly(ContainerExit exit) {
    if (exit.readBack() != null) {
      try {
        Files.deleteIfExists(exit.readBack());
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }
}
