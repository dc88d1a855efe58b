package io.splitcheck.cli;

import io.splitcheck.engine.CellLimits;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Option(
      names = "--docker-host",
      paramLabel = "URL",
      description = "The engine to talk to (default: DOCKER_HOST, else the local socket).")
  String dockerHost;

  /** Sets the bounds of every container this run starts, baseline included. */
  @Option(
      names = "--cell-limits",
      paramLabel = "pids=N,memory=SIZE",
      defaultValue = "pids=4096,memory=4g",
      description =
          "Bounds of every container run, the baseline's too, so they cause no split "
              + "(default: pids=4096,memory=4g, no swap beyond it).")
  void cellLimits(String text) {
    CellLimits.use(CellLimits.parse(text, "--cell-limits"));
  }
}
