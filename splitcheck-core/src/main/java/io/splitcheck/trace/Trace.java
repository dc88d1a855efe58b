package io.splitcheck.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed strace log ({@code strace -f -qq -s 256 -o FILE -- cmd}). Immutable.
 *
 * <p>Lenient: lines that cannot be parsed are skipped and counted in {@link #unparsedLines()}; a
 * log whose last line is cut, or with a call left {@code <unfinished ...>} that never resumed, is
 * {@link #truncated()}. Only a log without a single parseable line is rejected.
 */
public final class Trace {

  private final String source;
  private final List<SyscallEvent> events;
  private final Map<Integer, Integer> exitCodes;
  private final Map<Integer, String> killedBy;
  private final List<String> signals;
  private final boolean truncated;
  private final int unparsedLines;

  Trace(
      String source,
      List<SyscallEvent> events,
      Map<Integer, Integer> exitCodes,
      Map<Integer, String> killedBy,
      List<String> signals,
      boolean truncated,
      int unparsedLines) {
    this.source = source;
    this.events = List.copyOf(events);
    this.exitCodes = Collections.unmodifiableMap(new TreeMap<>(exitCodes));
    this.killedBy = Collections.unmodifiableMap(new TreeMap<>(killedBy));
    this.signals = List.copyOf(signals);
    this.truncated = truncated;
    this.unparsedLines = unparsedLines;
  }

  /** Reads and parses an strace output file (UTF-8; malformed bytes are replaced). */
  public static Trace parse(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return parse(text.lines().toList(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read strace log '" + file + "': " + e.getMessage(), e);
    }
  }

  /** Parses strace output lines; {@code source} names the log in error messages. */
  public static Trace parse(List<String> lines, String source) {
    return new TraceParser(source).parse(lines);
  }

  public String source() {
    return source;
  }

  /** Completed calls in order of completion. */
  public List<SyscallEvent> events() {
    return events;
  }

  /**
   * Failed calls grouped by name and errno, ordered by first occurrence; ERESTART* codes are left
   * out.
   */
  public List<FailedSyscall> failures() {
    Map<String, FailedSyscall> groups = new LinkedHashMap<>();
    for (SyscallEvent e : events) {
      if (e.failed()) {
        groups.merge(
            e.name() + " " + e.errno(),
            new FailedSyscall(e.name(), e.errno(), 1, e.line()),
            (a, b) -> new FailedSyscall(a.name(), a.errno(), a.count() + 1, a.firstLine()));
      }
    }
    return List.copyOf(groups.values());
  }

  /** Every syscall name seen, sorted. */
  public Set<String> syscallNames() {
    Set<String> names = new TreeSet<>();
    events.forEach(e -> names.add(e.name()));
    return Collections.unmodifiableSet(names);
  }

  /**
   * pid to exit status, from {@code +++ exited with N +++}; under {@code -qq} strace omits those
   * lines, so a pid's {@code exit_group(N)}/{@code exit(N)} call is used when no such line exists.
   */
  public Map<Integer, Integer> exitCodes() {
    return exitCodes;
  }

  /** pid to the signal that killed it ({@code +++ killed by SIGKILL +++}). */
  public Map<Integer, String> killedBy() {
    return killedBy;
  }

  /** Signals delivered ({@code --- SIGCHLD {...} ---}), in order. */
  public List<String> signals() {
    return signals;
  }

  /** The log ends with a cut line or with a call that never resumed. */
  public boolean truncated() {
    return truncated;
  }

  public int unparsedLines() {
    return unparsedLines;
  }

  /** The pid of the first event (the traced entrypoint), or empty for an empty trace. */
  public OptionalInt rootPid() {
    return events.isEmpty() ? OptionalInt.empty() : OptionalInt.of(events.get(0).pid());
  }

  /** The exit status of {@link #rootPid()}, when the log shows one. */
  public OptionalInt rootExitCode() {
    OptionalInt root = rootPid();
    Integer code = root.isPresent() ? exitCodes.get(root.getAsInt()) : null;
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  @Override
  public String toString() {
    return "Trace["
        + source
        + ", "
        + events.size()
        + " events"
        + (truncated ? ", truncated" : "")
        + "]";
  }
}
