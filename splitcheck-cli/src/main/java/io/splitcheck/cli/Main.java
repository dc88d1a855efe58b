package io.splitcheck.cli;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.NativeDigests;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The splitcheck command line: one subcommand per capability; each is a thin Callable<Integer>. */
@Command(
    name = "splitcheck",
    mixinStandardHelpOptions = true,
    version = "splitcheck 0.1.0",
    description =
        "Build twice and explain every difference; run under the security matrix and name "
            + "the syscall behind every split; audit images.",
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Callable<Integer> {
  /** The commands that always talk to an engine: their client is built while picocli parses. */
  private static final Set<String> ENGINE_COMMANDS =
      Set.of("matrix", "run", "twice", "trace", "profile", "audit", "gc", "harden");

  /** The commands that hash layers and files: SHA-256 through libcrypto ({@link NativeDigests}). */
  private static final Set<String> HASHING_COMMANDS = Set.of("twice", "diff", "run", "audit");

  @CommandLine.Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * No command: the usage, on stderr, and exit 2 (a script that forgot its command should not
   * pass).
   */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ErrorHandler.EXIT_ERROR;
  }

  public static void main(String[] args) {
    Timings.mark("main");
    if (args.length > 0 && args[0].equals("twice")) { // first: the other threads wait on it
      TwiceAhead.start(Arrays.copyOfRange(args, 1, args.length), Clock.systemUTC());
    }
    if (args.length > 0 && ENGINE_COMMANDS.contains(args[0])) {
      DockerClients.warmUp();
    }
    if (args.length > 0 && HASHING_COMMANDS.contains(args[0])) {
      // beside picocli's parse; a digest taken before it is installed is the JDK's, the same bytes
      CompletableFuture.runAsync(NativeDigests::install);
    }
    int exit = commandLine(args.length == 0 ? null : args[0]).execute(args);
    TwiceAhead.dropUntaken(); // a build the command never took (a bad option, --help)
    System.exit(exit);
  }

  /**
   * The configured command line with every command (exit codes: 0 ok, 1 found something, 2 error).
   */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only {@code first}'s command when that names one: picocli reads every
   * registered command's annotations up front, and a command's run should not wait on eight others.
   * Anything else ({@code help}, an option, a typo) gets them all, so that help and errors list
   * them.
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Main());
    COMMANDS.forEach(
        (name, command) -> {
          if (first == null || !COMMANDS.containsKey(first) || first.equals(name)) {
            cl.addSubcommand(name, command.get());
          }
        });
    if (first == null || !COMMANDS.containsKey(first)) {
      cl.addSubcommand("help", new CommandLine.HelpCommand());
    }
    ErrorHandler errors = new ErrorHandler();
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.setExitCodeExceptionMapper(t -> 2);
    return cl;
  }

  /** The commands, in the order help lists them. */
  private static final Map<String, Supplier<Object>> COMMANDS = commands();

  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("twice", TwiceCommand::new);
    m.put("diff", DiffCommand::new);
    m.put("matrix", MatrixCommand::new);
    m.put("profile", ProfileCommand::new);
    m.put("trace", TraceCommand::new);
    m.put("tracer", TracerCommand::new);
    m.put("audit", AuditCommand::new);
    m.put("run", RunCommand::new);
    m.put("merge-reports", MergeReportsCommand::new);
    m.put("gc", GcCommand::new);
    m.put("harden", HardenCommand::new);
    return Collections.unmodifiableMap(m);
  }
}
