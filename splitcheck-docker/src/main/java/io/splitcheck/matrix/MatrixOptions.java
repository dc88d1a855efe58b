package io.splitcheck.matrix;

import io.splitcheck.engine.EngineInfo;
import io.splitcheck.model.Durations;
import java.time.Duration;
import java.util.List;

/**
 * How to run one matrix.
 *
 * @param image the local image
 * @param plan the cells and the baseline
 * @param trace which cells are re-run traced
 * @param timeout per run
 * @param jobs cells run at once
 * @param command replaces the image's cmd (the entrypoint stays), as after {@code docker run
 *     IMAGE}; empty keeps the image's
 * @param outputCap bytes of stdout and of stderr kept per cell
 * @param tracer which tracer traces the cells {@code trace} selects
 */
public record MatrixOptions(
    String image,
    MatrixPlan plan,
    TraceMode trace,
    Duration timeout,
    int jobs,
    List<String> command,
    int outputCap,
    TracerChoice tracer) {
  public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public MatrixOptions(
      String image,
      MatrixPlan plan,
      TraceMode trace,
      Duration timeout,
      int jobs,
      List<String> command,
      int outputCap) {
    this(image, plan, trace, timeout, jobs, command, outputCap, TracerChoice.PTRACE);
  }

  public MatrixOptions {
    command = List.copyOf(command);
    tracer = tracer == null ? TracerChoice.PTRACE : tracer;
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs " + jobs + ": expected at least 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout " + timeout + ": expected a positive duration");
    }
  }

  /**
   * max(6, 2 x available processors): a cell mostly waits on the engine (create, start, exit), so
   * the six built-in cells start at once and larger engines get twice their cores.
   */
  public static int defaultJobs() {
    return perEngine(Runtime.getRuntime().availableProcessors());
  }

  /** The sum over the engines of max(6, 2 x the engine's CPUs). */
  public static int defaultJobs(List<EngineInfo> engines) {
    return engines.isEmpty()
        ? defaultJobs()
        : engines.stream().mapToInt(e -> perEngine(e.cpus())).sum();
  }

  private static int perEngine(int cpus) {
    return Math.max(6, 2 * cpus);
  }

  public MatrixOptions withJobs(int newJobs) {
    return new MatrixOptions(image, plan, trace, timeout, newJobs, command, outputCap, tracer);
  }

  /**
   * A scenario's {@code timeout} in the one duration grammar ({@link Durations}); null: the
   * default.
   */
  public static Duration timeout(String text) {
    return text == null ? DEFAULT_TIMEOUT : Durations.positive(text, "timeout");
  }
}
