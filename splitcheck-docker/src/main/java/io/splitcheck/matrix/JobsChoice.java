package io.splitcheck.matrix;

import io.splitcheck.engine.EngineInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many cells run at once when {@code --jobs} is not given, chosen per engine from how long a
 * container start took there ({@code POST /containers/ID/start}, the fastest of the engine's last
 * run), summed over the engines.
 *
 * <p>A start that answers within {@link #SLOW_START_MILLIS} is an engine with CPU to spare: {@code
 * max(6, 2 x CPUs)}, so the six built-in cells start at once. A slower start is an engine whose
 * runc, shim and network set-up wait for a CPU other work holds: there more cells at once win a
 * larger share of it (measured on a 2-core engine at load 15-20, one {@code docker run} 1.4-8.9 s:
 * 6 cells at once took a median 13.1 s, 2 at once 15.4 s, 6 faster in 9 of 10 pairs;
 * docs/bench.md), so it gets {@code max(12, 4 x CPUs)}. The six built-in cells run at once either
 * way; larger plans (k8s cells, profiles, pods) start more at once on a slow engine. Without a
 * measurement (the first run on an engine) the fast rule applies.
 *
 * @param jobs cells at once
 * @param reasons one line per engine: what was measured and which rule it chose
 */
public record JobsChoice(int jobs, List<String> reasons) {
  /** A fastest start at or above this, in milliseconds, is a slow engine. */
  public static final long SLOW_START_MILLIS = 1000;

  public JobsChoice {
    reasons = List.copyOf(reasons);
  }

  /**
   * @param engines the engines, in order
   * @param fastestStarts for each engine, its fastest measured start (empty: none measured)
   */
  public static JobsChoice choose(List<EngineInfo> engines, List<OptionalLong> fastestStarts) {
    if (engines.size() != fastestStarts.size()) {
      throw new IllegalArgumentException(
          engines.size() + " engine(s) but " + fastestStarts.size() + " start measurement(s)");
    }
    if (engines.isEmpty()) {
      int jobs = MatrixOptions.defaultJobs();
      return new JobsChoice(jobs, List.of("no engine described: max(6, 2 x this host's CPUs)"));
    }
    int jobs = 0;
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < engines.size(); i++) {
      EngineInfo e = engines.get(i);
      OptionalLong start = fastestStarts.get(i);
      int n = forEngine(e.cpus(), start);
      jobs += n;
      reasons.add(
          e.host()
              + ": "
              + n
              + " ("
              + e.cpus()
              + " CPU(s), "
              + (start.isEmpty()
                  ? "no start measured yet: max(6, 2 x CPUs)"
                  : "fastest start " + start.getAsLong() + " ms " + rule(start.getAsLong()))
              + ")");
    }
    return new JobsChoice(jobs, reasons);
  }

  /** Cells at once on one engine of {@code cpus} CPUs whose fastest start took {@code start}. */
  static int forEngine(int cpus, OptionalLong start) {
    boolean slow = start.isPresent() && start.getAsLong() >= SLOW_START_MILLIS;
    return slow ? Math.max(12, 4 * cpus) : Math.max(6, 2 * cpus);
  }

  private static String rule(long start) {
    return start >= SLOW_START_MILLIS
        ? ">= " + SLOW_START_MILLIS + " ms: max(12, 4 x CPUs)"
        : "< " + SLOW_START_MILLIS + " ms: max(6, 2 x CPUs)";
  }

  /** One line for verbose and timing output: {@code jobs N (host: why; ...)}. */
  public String describe() {
    return "jobs " + jobs + " (" + String.join("; ", reasons) + ")";
  }
}
