package io.splitcheck.seccomp;

import io.splitcheck.trace.ProcessTree;
import io.splitcheck.trace.SyscallArguments;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A search along a list of directories, the way a shell looks a command up in {@code $PATH} (bash
 * stats each candidate, dash and execvp try to exec each): a candidate that is missing ({@code
 * ENOENT}, {@code ENOTDIR}) is how the search moves on, not a failure, when the same process or a
 * child of it then finds the same name in another directory. Such a miss depends on nothing but the
 * search order, and a trace that lost the record in one cell would otherwise list it as failing
 * only there.
 */
final class PathLookups {

  private static final Set<String> LOOKUPS =
      Set.of(
          "stat",
          "stat64",
          "lstat",
          "lstat64",
          "newfstatat",
          "fstatat64",
          "statx",
          "access",
          "faccessat",
          "faccessat2",
          "execve",
          "execveat");
  private static final Set<String> MISSING = Set.of("ENOENT", "ENOTDIR");

  /** A successful lookup and the path it found. */
  private record Found(SyscallEvent event, String path) {}

  private final ProcessTree tree;
  private final Map<String, List<Found>> foundByName = new HashMap<>();

  /** The successful lookups of {@code trace}, by file name, in trace order. */
  PathLookups(Trace trace, ProcessTree tree) {
    this.tree = tree;
    for (SyscallEvent e : trace.events()) {
      if (LOOKUPS.contains(e.name()) && e.errno() == null) {
        String path = SyscallArguments.path(e).orElse("");
        String name = baseName(path);
        if (!name.isEmpty()) {
          foundByName.computeIfAbsent(name, k -> new ArrayList<>()).add(new Found(e, path));
        }
      }
    }
  }

  /**
   * True when {@code e}, an event of the trace, is a missed candidate of a search that a later
   * lookup of the same file name in another directory, by the same process or one it started,
   * answered.
   */
  boolean handled(SyscallEvent e) {
    if (!LOOKUPS.contains(e.name()) || !MISSING.contains(e.errno())) {
      return false;
    }
    String path = SyscallArguments.path(e).orElse("");
    String name = baseName(path);
    if (name.isEmpty()) {
      return false;
    }
    int searcher = tree.processOf(e.pid());
    for (Found later : foundByName.getOrDefault(name, List.of())) {
      if (later.event().line() > e.line()
          && !later.path().equals(path)
          && tree.descendsFrom(later.event().pid(), searcher)) {
        return true;
      }
    }
    return false;
  }

  /** The last component of an absolute path with a directory, else empty. */
  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    if (!path.startsWith("/") || slash <= 0 || slash == path.length() - 1) {
      return "";
    }
    return path.substring(slash + 1);
  }
}
