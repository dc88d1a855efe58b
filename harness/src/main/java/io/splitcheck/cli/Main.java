package io.splitcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The splitcheck command line: one subcommand per capability; each is a thin Callable<Integer>. */
@Command(
    name = "splitcheck",
    mixinStandardHelpOptions = true,
    version = "splitcheck 0.1.0",
    description = "Build twice and explain every difference; run under the security matrix and name "
        + "the syscall behind every split; audit images.",
    subcommands = {
        TwiceCommand.class,
        DiffCommand.class,
        MatrixCommand.class,
        ProfileCommand.class,
        TraceCommand.class,
        AuditCommand.class,
        RunCommand.class,
        MergeReportsCommand.class,
        GcCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (exit codes: 0 ok, 1 found something, 2 error). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setExitCodeExceptionMapper(t -> 2);
    return cl;
  }
}
