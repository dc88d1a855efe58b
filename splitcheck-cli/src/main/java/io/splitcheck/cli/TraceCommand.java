package io.splitcheck.cli;

import io.splitcheck.model.Durations;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.matrix.RunScope;
import io.splitcheck.tracer.TraceCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitcheck trace}: attach strace to a running container from a ptrace-only sidecar. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Attach to a running container's processes from a sidecar sharing its PID "
        + "namespace with only CAP_SYS_PTRACE, and record their syscalls until they exit, "
        + "--duration passes, or Ctrl-C.")
public final class TraceCommand implements Callable<Integer> {
  private static final Duration UNTIL_STOPPED = Duration.ofDays(365);

  @Parameters(index = "0", paramLabel = "CONTAINER", description = "name or id of a running container")
  String container;

  @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long")
  String duration;

  @Option(names = "--out", paramLabel = "FILE", description = "the strace log (default: "
      + "splitcheck-trace-<container>.log)")
  Path out;

  @Mixin
  CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    Duration limit = duration == null ? UNTIL_STOPPED : Durations.parse(duration, "--duration");
    ContainerEngine engine = EngineConnection.open(common).containers(); // the client lives as long as the command
    ContainerEngine.ContainerInfo target = engine.container(container).orElseThrow(
        () -> new IllegalArgumentException("container '" + container + "': no such container"));
    if (!target.running()) {
      throw new IllegalArgumentException("container '" + container + "' is not running");
    }
    Path file = out != null ? out : Path.of("splitcheck-trace-" + container.replaceAll("[^A-Za-z0-9_.-]", "_")
        + ".log");
    String runId = RunId.next(Clock.systemUTC());
    CountDownLatch written = new CountDownLatch(1);
    try (RunScope scope = new RunScope(engine, runId, () -> stopGently(engine, runId, written))) {
      System.err.println("splitcheck trace: attaching to pids " + target.pids() + " of "
          + container + (duration == null ? " until they exit or Ctrl-C" : " for " + limit));
      TraceCollector.TracedExit t = new TraceCollector(engine, TracerBundle.fromHost(), runId)
          .attach(target, limit);
      Files.write(file, t.lines(), StandardCharsets.UTF_8);
      System.out.println(TraceSummary.describe(t, file));
      written.countDown();
      return t.lines().isEmpty() ? 2 : 0;
    } finally {
      written.countDown();
    }
  }

  /** From the shutdown hook: SIGINT makes strace detach and flush; then wait for the log. */
  private static void stopGently(ContainerEngine engine, String runId, CountDownLatch written) {
    try {
      engine.signal(runId, TraceCollector.ATTACH_ROLE, "INT");
      written.await(15, TimeUnit.SECONDS);
    } catch (EngineException e) {
      System.err.println("splitcheck trace: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
