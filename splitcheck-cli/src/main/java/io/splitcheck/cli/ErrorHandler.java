package io.splitcheck.cli;

import io.splitcheck.engine.EngineException;
import io.splitcheck.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one error policy of every command: {@code splitcheck CMD: error: <what>} on stderr and exit
 * 2, for bad input (picocli's own parse errors included: the message and where to read the usage,
 * not the whole usage), engine errors (the message, which quotes the call and the daemon's text)
 * and anything else (its class too, since it is a bug). The stack trace only with {@code
 * --stacktrace} (before or after the command) or {@code SPLITCHECK_STACKTRACE}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int EXIT_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    err.println(prefix(cl) + TerminalText.line(describe(e)));
    if (wantsStackTrace(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_ERROR;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(prefix(cl) + TerminalText.line(e.getMessage()));
    String path = cl.getCommandSpec().qualifiedName();
    err.println("(usage: " + path + " --help)");
    if (wantsStackTrace(args)) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_ERROR;
  }

  /**
   * {@code splitcheck matrix: error: }, or {@code splitcheck: error: } before a command is known.
   */
  static String prefix(CommandLine cl) {
    return cl.getCommandSpec().qualifiedName() + ": error: ";
  }

  /**
   * Bad input and engine errors by their message; anything else with its class, since it is a bug.
   */
  static String describe(Exception e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof IllegalArgumentException
        || e instanceof EngineException
        || e instanceof IOException
        || e instanceof IllegalStateException) {
      return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  private static boolean wantsStackTrace(ParseResult parsed) {
    if (System.getenv("SPLITCHECK_STACKTRACE") != null) {
      return true;
    }
    for (CommandLine c : parsed.asCommandLineList()) {
      ParseResult r = c.getParseResult();
      if (r != null && r.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }

  private static boolean wantsStackTrace(String[] args) {
    return System.getenv("SPLITCHECK_STACKTRACE") != null
        || Arrays.asList(args).contains("--stacktrace");
  }
}
