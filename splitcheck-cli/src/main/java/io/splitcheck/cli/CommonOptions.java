package io.splitcheck.cli;

import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Option(names = "--docker-host", paramLabel = "URL",
      description = "The engine to talk to (default: DOCKER_HOST, else the local socket).")
  String dockerHost;
}
