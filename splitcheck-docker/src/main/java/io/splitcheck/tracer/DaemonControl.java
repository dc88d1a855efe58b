package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import io.splitcheck.tracer.DaemonProtocol.Hello;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code splitcheck tracer start|stop|status}: starts the host's tracer daemon detached and waits
 * until it serves, stops it and waits until it is gone, or says what runs. Each returns the text
 * the command prints.
 */
public final class DaemonControl {
  private static final long STOP_SECONDS = 30;

  private DaemonControl() {}

  /**
   * Starts {@code command} (a JVM running {@code splitcheck tracer serve}) in a session of its own
   * and returns once it printed {@code ready}: bpftrace attached, the socket listening. A daemon
   * that answers already is left as it is.
   */
  public static String start(DaemonState state, List<String> command, Duration attach, Clock clock)
      throws EngineException, IOException {
    Optional<DaemonClient> running = DaemonClient.connect(state);
    if (running.isPresent()) {
      return "already running: " + describe(running.get().hello(), clock);
    }
    String stale = state.cleanIfStale().map(s -> s + "; ").orElse("");
    Files.createDirectories(state.dir());
    Path setsid = Path.of("/usr/bin/setsid");
    List<String> argv = new ArrayList<>();
    if (Files.isExecutable(setsid)) {
      argv.add(
          setsid.toString()); // a session of its own: no terminal's Ctrl-C or hangup reaches it
    }
    argv.addAll(command);
    Process p =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.appendTo(state.log().toFile()))
            .start();
    String line = firstLine(p, attach);
    p.getInputStream().close(); // the daemon writes nothing more there
    if (line == null || !line.startsWith("ready ")) {
      p.destroyForcibly();
      throw new EngineException(
          "the tracer daemon did not start ("
              + String.join(" ", command)
              + (line == null ? "" : ": it printed '" + line + "'")
              + "): "
              + logTail(state.log()));
    }
    Hello h =
        DaemonClient.connect(state)
            .map(DaemonClient::hello)
            .orElseThrow(
                () -> new EngineException("the tracer daemon started but does not answer"));
    return stale + "started: " + describe(h, clock) + "; state in " + state.dir();
  }

  /** Stops the daemon (STOP, else SIGTERM, else SIGKILL) and removes its state. */
  public static String stop(DaemonState state) throws EngineException, IOException {
    Optional<DaemonClient> running = DaemonClient.connect(state);
    Optional<DaemonState.Owner> owner = state.owner();
    if (running.isPresent()) {
      long pid = running.get().hello().pid();
      running.get().stop();
      awaitExit(ProcessHandle.of(pid), false);
    } else if (owner.isPresent()) {
      awaitExit(ProcessHandle.of(owner.get().pid()).filter(h -> sameStart(h, owner.get())), true);
    }
    Optional<String> stale = state.cleanIfStale();
    if (running.isPresent()) {
      return "stopped the tracer daemon (pid " + running.get().hello().pid() + ")";
    }
    return "not running" + stale.map(s -> " (" + s + ")").orElse("");
  }

  /** Whether the daemon runs, since when, how many cells it traced, its bpftrace pid. */
  public static String status(DaemonState state, Clock clock) throws IOException {
    Optional<DaemonClient> running = DaemonClient.connect(state);
    if (running.isPresent()) {
      return "running: " + describe(running.get().hello(), clock) + "; state in " + state.dir();
    }
    Optional<String> stale = state.cleanIfStale();
    if (stale.isEmpty() && Files.exists(state.socket())) {
      return "not answering (starting, or hung: `splitcheck tracer stop` ends it)";
    }
    return "not running" + stale.map(s -> " (" + s + ")").orElse("");
  }

  static String describe(Hello h, Clock clock) {
    Duration up = Duration.between(h.since(), clock.instant());
    return "pid "
        + h.pid()
        + " since "
        + h.since()
        + " ("
        + up.toMinutes()
        + " min), bpftrace pid "
        + h.bpftracePid()
        + ", "
        + h.cellsTraced()
        + " cells traced, "
        + h.cellsOpen()
        + " open, cells under /"
        + h.cgroupRoot()
        + ", stops after "
        + Duration.ofSeconds(h.idleSeconds()).toMinutes()
        + " min without clients";
  }

  private static String firstLine(Process p, Duration attach) throws EngineException {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                return null;
              }
            });
    try {
      return line.get(attach.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return "(nothing within " + attach.toSeconds() + " s)";
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted waiting for the tracer daemon", e);
    }
  }

  private static void awaitExit(Optional<ProcessHandle> h, boolean signal) {
    if (h.isEmpty()) {
      return;
    }
    try {
      if (signal) {
        h.get().destroy();
      }
      h.get().onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      h.get().destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean sameStart(ProcessHandle h, DaemonState.Owner o) {
    return h.info().startInstant().map(o.started()::equals).orElse(false);
  }

  private static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.isEmpty()
          ? "its log " + log + " is empty"
          : String.join(" / ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    } catch (IOException e) {
      return "its log " + log + " cannot be read: " + e.getMessage();
    }
  }
}
