package io.splitcheck.cli;

import io.splitcheck.trace.FailedSyscall;
import io.splitcheck.trace.Trace;
import io.splitcheck.tracer.TraceCollector;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The summary of an attach-mode trace: size, distinct syscalls, and the failed calls. */
final class TraceSummary {
  private static final int SHOWN = 20;

  private TraceSummary() {}

  static String describe(TraceCollector.TracedExit t, Path file) {
    return describe(t.lines(), file, firstLine(t.exit().stderr().text()));
  }

  /**
   * @param whyEmpty what to say when {@code lines} is empty
   */
  static String describe(List<String> lines, Path file, String whyEmpty) {
    if (lines.isEmpty()) {
      return "no trace recorded (" + whyEmpty + ")";
    }
    Trace trace = Trace.parse(lines, file.toString());
    StringBuilder out =
        new StringBuilder()
            .append(lines.size())
            .append(" trace lines, ")
            .append(trace.syscallNames().size())
            .append(" distinct syscalls, written to ")
            .append(file);
    List<FailedSyscall> failures =
        trace.failures().stream()
            .sorted(Comparator.comparing(FailedSyscall::name).thenComparing(FailedSyscall::errno))
            .toList();
    if (!failures.isEmpty()) {
      out.append("\nfailed syscalls:");
      failures.stream()
          .limit(SHOWN)
          .forEach(
              f ->
                  out.append("\n  ")
                      .append(f.name())
                      .append(" = -1 ")
                      .append(f.errno())
                      .append(" x")
                      .append(f.count()));
      if (failures.size() > SHOWN) {
        out.append("\n  ... ").append(failures.size() - SHOWN).append(" more");
      }
    }
    return out.toString();
  }

  private static String firstLine(String s) {
    return s.lines().findFirst().orElse("the tracer printed nothing");
  }
}
