package io.splitcheck.k8s;

import io.splitcheck.trace.SyscallEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the paths of an strace log's calls to absolute ones, following each process's working
 * directory ({@code chdir}, {@code fchdir} to a directory it opened) and the directory fds it
 * opened, as children inherit them at fork. {@code mkdir -p} walks down with {@code chdir}, for
 * instance.
 */
final class ProcessPaths {
  private static final Pattern LEADING_FD = Pattern.compile("^(AT_FDCWD|\\d+), ");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private final String start;
  private final Map<Integer, String> cwd = new HashMap<>();
  private final Map<Integer, Map<String, String>> fds = new HashMap<>();

  ProcessPaths(String workingDir) {
    this.start = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
  }

  /** Records what {@code e} changes (cwd, fds, children); call for every event in order. */
  void follow(SyscallEvent e) {
    if (e.errno() != null) {
      return;
    }
    String n = e.name();
    if (n.matches("clone3?|v?fork") && e.result().matches("\\d+")) {
      int child = Integer.parseInt(e.result());
      cwd.put(child, cwdOf(e.pid()));
      fds.put(child, new HashMap<>(fds.getOrDefault(e.pid(), Map.of())));
    } else if (n.equals("chdir")) {
      List<String> p = paths(e);
      if (!p.isEmpty()) {
        cwd.put(e.pid(), p.get(0));
      }
    } else if (n.equals("fchdir")) {
      String dir = fds.getOrDefault(e.pid(), Map.of()).get(e.arguments().strip());
      if (dir != null) {
        cwd.put(e.pid(), dir);
      }
    } else if (n.matches("open(at|at2)?") && e.result().matches("\\d+")) {
      List<String> p = paths(e);
      if (!p.isEmpty()) {
        fds.computeIfAbsent(e.pid(), k -> new HashMap<>()).put(e.result(), p.get(0));
      }
    }
  }

  private String cwdOf(int pid) {
    return cwd.getOrDefault(pid, start);
  }

  /**
   * The call's string arguments as absolute paths: each relative to the directory fd before it
   * ({@code openat(3, "x")}), else to the process's working directory; a path relative to an fd not
   * known is left out.
   */
  List<String> paths(SyscallEvent e) {
    List<String> out = new ArrayList<>();
    String a = e.arguments();
    Matcher m = STRING.matcher(a);
    int from = 0;
    while (m.find()) {
      String before = a.substring(from, m.start());
      from = m.end();
      String raw = m.group(1);
      String base = cwdOf(e.pid());
      Matcher fd = LEADING_FD.matcher(before.replaceFirst("^, ", ""));
      if (!raw.startsWith("/") && fd.find() && !fd.group(1).equals("AT_FDCWD")) {
        base = fds.getOrDefault(e.pid(), Map.of()).get(fd.group(1));
        if (base == null) {
          continue;
        }
      }
      out.add(Hardening.absolute(raw, base));
    }
    return out;
  }
}
