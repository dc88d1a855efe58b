package io.splitcheck.suite;

import io.splitcheck.report.ScenarioReport;
import io.splitcheck.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs scenarios with at most {@code jobs} at once and returns their reports in the scenarios'
 * order, whatever order they finished in: {@code --jobs 1} and {@code --jobs N} write the same
 * report.
 */
public final class SuiteRunner {
  /**
   * Told about each scenario as it finishes (from the worker thread; implementations synchronise).
   */
  @FunctionalInterface
  public interface Listener {
    void finished(ScenarioReport report, int done, int total);
  }

  private final Function<Scenario, ScenarioReport> executor;
  private final int jobs;

  public SuiteRunner(Function<Scenario, ScenarioReport> executor, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("--jobs " + jobs + ": expected 1 or more");
    }
    this.executor = executor;
    this.jobs = jobs;
  }

  public List<ScenarioReport> run(List<Scenario> scenarios, Listener listener)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            r -> {
              Thread t = new Thread(r, "splitcheck-scenario");
              t.setDaemon(true);
              return t;
            });
    try {
      int[] done = {0};
      List<Future<ScenarioReport>> futures = new ArrayList<>();
      for (Scenario s : scenarios) {
        futures.add(
            pool.submit(
                () -> {
                  ScenarioReport r = executor.apply(s);
                  synchronized (done) {
                    listener.finished(r, ++done[0], scenarios.size());
                  }
                  return r;
                }));
      }
      List<ScenarioReport> reports = new ArrayList<>();
      for (Future<ScenarioReport> f : futures) {
        try {
          reports.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "a scenario failed unexpectedly: " + e.getCause(), e.getCause());
        }
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }
}
