package io.splitcheck.cli;

import io.splitcheck.model.Durations;
import io.splitcheck.report.TerminalText;
import io.splitcheck.tracer.DaemonControl;
import io.splitcheck.tracer.DaemonState;
import io.splitcheck.tracer.EbpfDaemon;
import io.splitcheck.tracer.EbpfTracer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code splitcheck tracer start|stop|status}: the host's eBPF tracer daemon, one bpftrace kept
 * across CLI runs (a run with {@code --tracer auto|ebpf} uses it when it answers), and the hidden
 * {@code serve} the daemon's own JVM runs.
 */
@Command(
    name = "tracer",
    mixinStandardHelpOptions = true,
    description =
        "The eBPF tracer daemon: one bpftrace kept across CLI runs, so that runs with --tracer "
            + "auto|ebpf skip bpftrace's start. State in "
            + DaemonState.DEFAULT_DIR
            + " (or $"
            + DaemonState.ENV
            + "; off: never use a daemon).",
    subcommands = {
      TracerCommand.Start.class,
      TracerCommand.Stop.class,
      TracerCommand.Status.class,
      TracerCommand.Serve.class
    })
public final class TracerCommand implements Callable<Integer> {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "The daemon's state folder (default: $" + DaemonState.ENV + " or /run/...).")
  Path stateDir;

  Clock clock = Clock.systemUTC();
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("splitcheck tracer: error: say start, stop or status");
    return ErrorHandler.EXIT_ERROR;
  }

  DaemonState state() {
    if (stateDir != null) {
      return new DaemonState(stateDir);
    }
    return DaemonState.configured()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "$" + DaemonState.ENV + " is off: name a folder with --state-dir"));
  }

  static void requireEbpf() {
    Optional<String> why = EbpfTracer.unavailable();
    if (why.isPresent()) {
      throw new IllegalArgumentException("the eBPF tracer cannot run: " + why.get());
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the daemon.")
  static final class Start implements Callable<Integer> {
    @ParentCommand TracerCommand parent;
    @Spec CommandSpec spec;

    @Option(
        names = "--idle",
        paramLabel = "DURATION",
        defaultValue = "30m",
        description = "Stop after this long without a client (default: ${DEFAULT-VALUE}).")
    String idle;

    @Override
    public Integer call() throws Exception {
      Duration d = Durations.positive(idle, "--idle");
      requireEbpf();
      DaemonState s = parent.state();
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-cp"));
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of("tracer", "--state-dir", s.dir().toString()));
      command.addAll(List.of("serve", "--idle", d.toSeconds() + "s"));
      String text = DaemonControl.start(s, command, Duration.ofMinutes(3), parent.clock);
      spec.commandLine().getOut().println(TerminalText.line("splitcheck tracer: " + text));
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the daemon.")
  static final class Stop implements Callable<Integer> {
    @ParentCommand TracerCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      spec.commandLine()
          .getOut()
          .println(TerminalText.line("splitcheck tracer: " + DaemonControl.stop(parent.state())));
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Say whether the daemon runs (exit 0) or not (exit 1).")
  static final class Status implements Callable<Integer> {
    @ParentCommand TracerCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String text = DaemonControl.status(parent.state(), parent.clock);
      spec.commandLine().getOut().println(TerminalText.line("splitcheck tracer: " + text));
      return text.startsWith("running") ? 0 : 1;
    }
  }

  @Command(name = "serve", hidden = true, description = "Run the daemon in this process.")
  static final class Serve implements Callable<Integer> {
    @ParentCommand TracerCommand parent;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "30m")
    String idle;

    @Override
    public Integer call() throws Exception {
      requireEbpf();
      String why =
          EbpfDaemon.serve(
              parent.state(), Durations.positive(idle, "--idle"), parent.clock, System.out);
      System.err.println("splitcheck tracer daemon stopped: " + why);
      return 0;
    }
  }
}
