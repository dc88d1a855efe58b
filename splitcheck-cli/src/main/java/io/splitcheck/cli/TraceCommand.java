package io.splitcheck.cli;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.RunId;
import io.splitcheck.engine.TracerBundle;
import io.splitcheck.matrix.RunScope;
import io.splitcheck.matrix.TracerChoice;
import io.splitcheck.model.Durations;
import io.splitcheck.report.TerminalText;
import io.splitcheck.tracer.EbpfAttach;
import io.splitcheck.tracer.EbpfTracer;
import io.splitcheck.tracer.TraceCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitcheck trace}: record a running container's syscalls, with eBPF from the host (its
 * failing calls, forks, execs and exits) or with strace from a ptrace-only sidecar (every call).
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description =
        "Record a running container's syscalls until its processes exit, --duration passes, "
            + "or Ctrl-C: with --tracer ebpf from the host (failing calls, forks, execs, exits; nothing "
            + "enters the container), with --tracer ptrace from a sidecar sharing its PID namespace with "
            + "only CAP_SYS_PTRACE (every call). auto: eBPF when it can run here.")
public final class TraceCommand implements Callable<Integer> {
  private static final Duration UNTIL_STOPPED = Duration.ofDays(365);

  @Parameters(
      index = "0",
      paramLabel = "CONTAINER",
      description = "name or id of a running container")
  String container;

  @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long")
  String duration;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the strace log (default: " + "splitcheck-trace-<container>.log)")
  Path out;

  @Option(
      names = "--tracer",
      paramLabel = "KIND",
      defaultValue = "auto",
      description =
          "ebpf, ptrace or auto (default: eBPF when it can run here and the engine is on "
              + "this host, else ptrace)")
  String tracer;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    Duration limit = duration == null ? UNTIL_STOPPED : Durations.parse(duration, "--duration");
    OutputPaths.file(out, "--out");
    ContainerEngine engine =
        EngineConnection.open(common).containers(); // the client lives as long as the command
    ContainerEngine.ContainerInfo target =
        engine
            .container(container)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "container '" + container + "': no such container"));
    if (!target.running()) {
      throw new IllegalArgumentException("container '" + container + "' is not running");
    }
    Path file =
        out != null
            ? out
            : Path.of("splitcheck-trace-" + container.replaceAll("[^A-Za-z0-9_.-]", "_") + ".log");
    TracerChoice choice = TracerChoice.parse(tracer);
    Optional<Long> hostPid =
        choice == TracerChoice.PTRACE ? Optional.empty() : engine.hostPid(target.id());
    Optional<String> noEbpf =
        hostPid.isEmpty()
            ? Optional.of(
                "the engine names no host " + "pid of the container (is it on this host?)")
            : EbpfTracer.unavailable();
    if (choice == TracerChoice.EBPF && noEbpf.isPresent()) {
      throw new IllegalArgumentException("--tracer ebpf: " + noEbpf.get());
    }
    if (choice != TracerChoice.PTRACE && noEbpf.isEmpty()) {
      return traceWithEbpf(hostPid.get(), limit, file);
    }
    String runId = RunId.next(Clock.systemUTC());
    CountDownLatch written = new CountDownLatch(1);
    try (RunScope scope = new RunScope(engine, runId, () -> stopGently(engine, runId, written))) {
      System.err.println(
          "splitcheck trace: attaching to pids "
              + target.pids()
              + " of "
              + container
              + (duration == null ? " until they exit or Ctrl-C" : " for " + limit));
      TraceCollector.TracedExit t =
          new TraceCollector(engine, TracerBundle.fromHost(), runId).attach(target, limit);
      Files.write(file, t.lines(), StandardCharsets.UTF_8);
      System.out.println(TerminalText.line(TraceSummary.describe(t, file)));
      written.countDown();
      return t.lines().isEmpty() ? 2 : 0;
    } finally {
      written.countDown();
    }
  }

  private int traceWithEbpf(long hostPid, Duration limit, Path file)
      throws EngineException, IOException {
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CountDownLatch written = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.complete(null);
              try {
                written.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "splitcheck-trace-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      List<String> lines =
          EbpfAttach.trace(
              hostPid,
              limit,
              stop,
              () ->
                  System.err.println(
                      "splitcheck trace: eBPF attached to the cgroup of pid "
                          + hostPid
                          + " of "
                          + container
                          + (duration == null ? " until it exits or Ctrl-C" : " for " + limit)));
      Files.write(file, lines, StandardCharsets.UTF_8);
      System.out.println(
          TerminalText.line(
              TraceSummary.describe(
                  lines, file, "the eBPF tracer saw no failing call, fork, exec or exit")));
      return lines.isEmpty() ? 2 : 0;
    } finally {
      written.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs and finds the latch released
      }
    }
  }

  /** From the shutdown hook: SIGINT makes strace detach and flush; then wait for the log. */
  private static void stopGently(ContainerEngine engine, String runId, CountDownLatch written) {
    try {
      engine.signal(runId, TraceCollector.ATTACH_ROLE, "INT");
      written.await(15, TimeUnit.SECONDS);
    } catch (EngineException e) {
      System.err.println(TerminalText.line("splitcheck trace: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
