package io.splitcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** One catch for every command: prints {@code Class: message}; the stack trace only with --stacktrace. */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    String name = e instanceof IllegalArgumentException ? "error" : e.getClass().getSimpleName();
    cl.getErr().println("splitcheck " + cl.getCommandName() + ": " + name + ": "
        + io.splitcheck.report.TerminalText.line(e.getMessage()));
    if (parsed.hasMatchedOption("--stacktrace") || System.getenv("SPLITCHECK_STACKTRACE") != null) {
      e.printStackTrace(cl.getErr());
    }
    return 2;
  }
}
