package io.splitcheck.cli;

import io.splitcheck.trace.TraceCollector;
import java.nio.file.Path;

/** The one-paragraph summary of an attach-mode trace. */
final class TraceSummary {
  private TraceSummary() {}

  static String describe(TraceCollector.TracedExit t, Path file) {
    if (t.lines().isEmpty()) {
      return "no trace recorded (" + firstLine(t.exit().stderr().text()) + ")";
    }
    return t.lines().size() + " trace lines written to " + file;
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("the tracer printed nothing");
  }
}
