package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.cli.Main;
import io.splitcheck.testing.RequiresEngine;
import io.splitcheck.tracer.EbpfTracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A benchmark, not a check (SPLITCHECK_BENCH=1 runs it): whole matrices in one JVM whose eBPF
 * tracer is already running (as in a suite or a test JVM after its first matrix), side by side in
 * interleaved rounds: six built-in cells untraced vs eBPF on every cell, and a two-cell matrix with
 * one split untraced vs eBPF. Prints medians, min-max and the ratios; scripts/bench-matrix-tracing
 * measures the CLI, start included.
 */
@RequiresEngine
@EnabledIfEnvironmentVariable(named = "SPLITCHECK_BENCH", matches = "1")
class TracingCostIT {
  private static final String IMAGE = "splitcheck/debian:bookworm";

  private static long millis(String... args) {
    List<String> argv = new ArrayList<>(List.of("matrix", IMAGE));
    argv.addAll(List.of(args));
    argv.addAll(List.of("--", "sh", "-c", "touch /stamp"));
    long t0 = System.nanoTime();
    int exit = Main.commandLine().execute(argv.toArray(String[]::new));
    assertEquals(1, exit, "touch /stamp splits read-only: " + argv);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void matrices_withTheSharedEbpfTracer_sideBySideWithUntraced() throws Exception {
    EbpfTracer.shared(); // started once, as the first matrix of a JVM does
    String[] six = {};
    String[] two = {"--config", "unconfined", "--config", "read-only"};
    List<List<Long>> runs =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int rounds = Integer.parseInt(System.getenv().getOrDefault("SPLITCHECK_BENCH_ROUNDS", "5"));
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 4; k++) {
        int m = (r + k) % 4;
        runs.get(m)
            .add(
                switch (m) {
                  case 0 -> millis(concat(six, "--trace", "never"));
                  case 1 -> millis(concat(six, "--tracer", "ebpf", "--trace", "always"));
                  case 2 -> millis(concat(two, "--trace", "never"));
                  default -> millis(concat(two, "--tracer", "ebpf"));
                });
      }
    }
    String[] names = {
      "six cells, --trace never",
      "six cells, eBPF on every cell",
      "two cells, --trace never",
      "two cells (one split), eBPF"
    };
    System.out.println(
        "TracingCostIT (load "
            + String.join(" ", Files.readString(Path.of("/proc/loadavg")).split(" "))
                .substring(0, 14)
            + "):");
    for (int m = 0; m < 4; m++) {
      double base = median(runs.get(m - m % 2));
      System.out.printf(
          "| %s | %d ms | %.2fx | %d-%d | %s |%n",
          names[m],
          (long) median(runs.get(m)),
          median(runs.get(m)) / base,
          runs.get(m).stream().mapToLong(Long::longValue).min().orElse(0),
          runs.get(m).stream().mapToLong(Long::longValue).max().orElse(0),
          runs.get(m).stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }
  }

  private static String[] concat(String[] a, String... b) {
    List<String> out = new ArrayList<>(List.of(a));
    out.addAll(List.of(b));
    return out.toArray(String[]::new);
  }

  private static double median(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }
}
