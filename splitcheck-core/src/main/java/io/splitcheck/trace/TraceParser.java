package io.splitcheck.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Line-by-line strace parser; one instance per log. Package-private: use {@link Trace#parse}. */
final class TraceParser {

  /** {@code 123 }, {@code [pid 123] } (-f to stderr), either with {@code <comm>} (-Y). */
  private static final Pattern PID =
      Pattern.compile("^(?:\\[pid\\s+(\\d+)(?:<[^>]*>)?\\]|(\\d+)(?:<[^>]*>)?)\\s+(.*)$");

  /**
   * -t {@code 12:34:56}, -tt {@code 12:34:56.123456}, -ttt and -r {@code 1733094000.123456}, -n
   * {@code [ 257]}, -i {@code [00007f...]}.
   */
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(?:\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d+)?|\\d+\\.\\d+|\\[\\s*\\d+\\]|\\[(?:[0-9a-f]{4,16}|\\?{4,16})\\])\\s+");

  private static final Pattern CALL = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\((.*)$");
  private static final Pattern RESUMED =
      Pattern.compile("^<\\.\\.\\. ([A-Za-z_][A-Za-z0-9_]*) resumed>(.*)$");
  private static final Pattern RESULT =
      Pattern.compile("^\\s*=\\s*(\\S+)(?:\\s+(E[A-Z0-9_]+)\\b)?.*$");
  private static final Pattern EXITED =
      Pattern.compile("^\\+\\+\\+ exited with (-?\\d+) \\+\\+\\+$");
  private static final Pattern KILLED =
      Pattern.compile("^\\+\\+\\+ killed by (SIG[A-Z0-9+-]+)(?: \\(core dumped\\))? \\+\\+\\+$");
  private static final Pattern SIGNAL = Pattern.compile("^--- (SIG[A-Z0-9+-]+) .*---$");
  private static final Pattern EXIT_GROUP = Pattern.compile("^(-?\\d+)");
  private static final String UNFINISHED = "<unfinished ...>";
  private static final Pattern ATTACHED =
      Pattern.compile("strace: Process \\d+ (?:attached|detached)");

  private record Pending(String name, String arguments, int line) {}

  private final String source;
  private final List<SyscallEvent> events = new ArrayList<>();
  private final Map<Integer, Integer> exitCodes = new TreeMap<>();
  private final Map<Integer, Integer> exitGroupCodes = new TreeMap<>();
  private final Map<Integer, String> killedBy = new TreeMap<>();
  private final List<String> signals = new ArrayList<>();
  private final Map<Integer, Pending> pending = new HashMap<>();
  private int unparsed;
  private int parsed;
  private boolean lastLineUnparsed;

  TraceParser(String source) {
    this.source = source;
  }

  Trace parse(List<String> lines) {
    int lineNo = 0;
    String carried = "";
    for (String raw : lines) {
      lineNo++;
      String line = carried + raw;
      carried = "";
      Matcher attach = ATTACHED.matcher(line);
      if (attach.find()) {
        // strace (writing to stderr with -f) prints this in the middle of the line it is writing
        String before = line.substring(0, attach.start());
        String after = line.substring(attach.end());
        if (after.isBlank() && !before.isBlank()) {
          carried = before;
          continue;
        }
        line = before + after;
        if (line.isBlank()) {
          parsed++;
          continue;
        }
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      boolean ok = parseLine(line, lineNo);
      lastLineUnparsed = !ok;
      if (ok) {
        parsed++;
      } else {
        unparsed++;
      }
    }
    if (parsed == 0) {
      throw new IllegalArgumentException(
          "Error parsing strace log '"
              + source
              + "': no parseable line among "
              + lines.size()
              + " lines, expected lines like '7 getrandom(0x7ffd, 32, 0) = -1 EPERM (...)'"
              + " as written by strace -f -qq -o FILE");
    }
    exitGroupCodes.forEach(exitCodes::putIfAbsent);
    boolean truncated = lastLineUnparsed || !pending.isEmpty();
    return new Trace(source, events, exitCodes, killedBy, signals, truncated, unparsed);
  }

  private boolean parseLine(String line, int lineNo) {
    int pid = 0;
    String rest = line;
    Matcher m = PID.matcher(line);
    if (m.matches()) {
      pid = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      rest = m.group(3);
    }
    for (Matcher p = PREFIX.matcher(rest); p.find(); p = PREFIX.matcher(rest)) {
      rest = rest.substring(p.end());
    }
    if (rest.startsWith("+++")) {
      return processEnd(pid, rest, lineNo);
    }
    if (rest.startsWith("---")) {
      Matcher s = SIGNAL.matcher(rest);
      if (s.matches()) {
        signals.add(s.group(1));
      }
      return s.matches();
    }
    Matcher r = RESUMED.matcher(rest);
    if (r.matches()) {
      return resumed(pid, r.group(1), r.group(2), lineNo);
    }
    Matcher c = CALL.matcher(rest);
    return c.matches() && call(pid, c.group(1), c.group(2), lineNo);
  }

  private boolean processEnd(int pid, String rest, int lineNo) {
    Matcher e = EXITED.matcher(rest);
    Matcher k = KILLED.matcher(rest);
    if (e.matches()) {
      exitCodes.put(pid, Integer.parseInt(e.group(1)));
    } else if (k.matches()) {
      killedBy.put(pid, k.group(1));
    } else {
      return rest.startsWith("+++ superseded by execve");
    }
    Pending p = pending.remove(pid);
    if (p != null) {
      // the process ended inside the call: it never returned
      events.add(new SyscallEvent(lineNo, pid, p.name(), p.arguments().strip(), "?", null));
    }
    return true;
  }

  private boolean call(int pid, String name, String tail, int lineNo) {
    if (tail.endsWith(UNFINISHED)) {
      String args = tail.substring(0, tail.length() - UNFINISHED.length());
      pending.put(pid, new Pending(name, args, lineNo));
      return true;
    }
    return complete(pid, name, tail, lineNo);
  }

  private boolean resumed(int pid, String name, String tail, int lineNo) {
    // strace writing to stderr drops the [pid N] column while one process is traced: a call started
    // there (pid 0) may resume with the column, or the other way round
    int owner = matches(pending.get(pid), name) ? pid : matches(pending.get(0), name) ? 0 : -1;
    if (owner < 0
        && pid == 0
        && pending.size() == 1
        && matches(pending.values().iterator().next(), name)) {
      owner = pending.keySet().iterator().next();
    }
    String prefix = "";
    if (owner >= 0) {
      prefix = pending.remove(owner).arguments();
    }
    return complete(pid, name, prefix + tail, lineNo);
  }

  private static boolean matches(Pending p, String name) {
    return p != null && p.name().equals(name);
  }

  private boolean complete(int pid, String name, String text, int lineNo) {
    int close = ArgumentScanner.closingParen(text, 0);
    if (close < 0) {
      return false;
    }
    Matcher res = RESULT.matcher(text.substring(close + 1));
    if (!res.matches()) {
      return false;
    }
    String result = res.group(1);
    int decoration = result.indexOf('<'); // -y/-yy: "3</etc/passwd>", "6<UNIX-STREAM:[306951]>"
    if (decoration > 0) {
      result = result.substring(0, decoration);
    }
    String errno = result.equals("-1") || result.equals("?") ? res.group(2) : null;
    events.add(
        new SyscallEvent(lineNo, pid, name, text.substring(0, close).strip(), result, errno));
    if (name.equals("exit_group") || name.equals("exit")) {
      Matcher code = EXIT_GROUP.matcher(text);
      if (code.find()) {
        exitGroupCodes.put(pid, Integer.parseInt(code.group(1)));
      }
    }
    return true;
  }
}
