package io.splitcheck.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The path arguments of path-taking calls, read from strace's argument text: which argument names
 * the path a call reads or acts on, and which names the path a call was to create.
 */
public final class SyscallArguments {

  /** Index of the argument naming the path the call acts on. */
  private static final Map<String, Integer> PATH =
      Map.ofEntries(
          Map.entry("open", 0),
          Map.entry("creat", 0),
          Map.entry("openat", 1),
          Map.entry("openat2", 1),
          Map.entry("stat", 0),
          Map.entry("lstat", 0),
          Map.entry("newfstatat", 1),
          Map.entry("statx", 1),
          Map.entry("access", 0),
          Map.entry("faccessat", 1),
          Map.entry("faccessat2", 1),
          Map.entry("execve", 0),
          Map.entry("execveat", 1),
          Map.entry("unlink", 0),
          Map.entry("unlinkat", 1),
          Map.entry("mkdir", 0),
          Map.entry("mkdirat", 1),
          Map.entry("mknod", 0),
          Map.entry("mknodat", 1),
          Map.entry("rmdir", 0),
          Map.entry("chown", 0),
          Map.entry("lchown", 0),
          Map.entry("fchownat", 1),
          Map.entry("chmod", 0),
          Map.entry("fchmodat", 1),
          Map.entry("utimensat", 1),
          Map.entry("utimes", 0),
          Map.entry("truncate", 0),
          Map.entry("readlink", 0),
          Map.entry("readlinkat", 1),
          Map.entry("rename", 0),
          Map.entry("renameat", 1),
          Map.entry("renameat2", 1),
          Map.entry("link", 0),
          Map.entry("linkat", 1),
          Map.entry("symlink", 1),
          Map.entry("symlinkat", 2),
          Map.entry("chdir", 0),
          Map.entry("chroot", 0),
          Map.entry("statfs", 0),
          Map.entry("getxattr", 0),
          Map.entry("lgetxattr", 0),
          Map.entry("setxattr", 0),
          Map.entry("lsetxattr", 0),
          Map.entry("mount", 1),
          Map.entry("umount2", 0));

  /**
   * Index of the argument naming the path the call creates (for open-like calls only with O_CREAT).
   */
  private static final Map<String, Integer> CREATES =
      Map.ofEntries(
          Map.entry("open", 0),
          Map.entry("creat", 0),
          Map.entry("openat", 1),
          Map.entry("openat2", 1),
          Map.entry("mkdir", 0),
          Map.entry("mkdirat", 1),
          Map.entry("mknod", 0),
          Map.entry("mknodat", 1),
          Map.entry("symlink", 1),
          Map.entry("symlinkat", 2),
          Map.entry("link", 1),
          Map.entry("linkat", 3),
          Map.entry("rename", 1),
          Map.entry("renameat", 3),
          Map.entry("renameat2", 3));

  private static final Set<String> NEED_O_CREAT = Set.of("open", "openat", "openat2");

  /**
   * Where the second path of a two-path call is (the first is at {@link #PATH}, or 0 for symlinks).
   */
  private static final Map<String, Integer> SECOND =
      Map.of(
          "rename",
          1,
          "renameat",
          3,
          "renameat2",
          3,
          "link",
          1,
          "linkat",
          3,
          "symlink",
          1,
          "symlinkat",
          2);

  private SyscallArguments() {}

  /**
   * strace-like argument text for a call known only by its paths and whether it had O_CREAT (the
   * eBPF tracer's records): each path at its argument's place, {@code ?} for the arguments not
   * recorded, then {@code O_CREAT} when set. {@code synthesize("openat", "/stamp", null, true)}
   * gives {@code ?, "/stamp", O_CREAT}.
   */
  public static String synthesize(String syscall, String path, String path2, boolean creat) {
    List<String> args = new ArrayList<>();
    Integer first = syscall.startsWith("symlink") ? Integer.valueOf(0) : PATH.get(syscall);
    Integer second = SECOND.get(syscall);
    if (first != null && path != null && !path.isEmpty()) {
      put(args, first, quote(path));
    }
    if (second != null && path2 != null && !path2.isEmpty()) {
      put(args, second, quote(path2));
    }
    if (creat) {
      args.add("O_CREAT");
    }
    return String.join(", ", args);
  }

  private static void put(List<String> args, int index, String value) {
    while (args.size() <= index) {
      args.add("?");
    }
    args.set(index, value);
  }

  /** {@code a"b} to {@code "a\"b"}, strace's quoting. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Whether {@link #path} can name a path for this call. */
  public static boolean takesPath(String syscall) {
    return PATH.containsKey(syscall);
  }

  /**
   * The path the call acts on ({@code "/stamp"} for {@code openat(AT_FDCWD, "/stamp", ...)}), if
   * quoted.
   */
  public static Optional<String> path(SyscallEvent e) {
    Integer i = PATH.get(e.name());
    return i == null ? Optional.empty() : quoted(split(e.arguments()), i);
  }

  /**
   * The path the call was to create: {@code openat(.., O_CREAT ..)}, mkdir, mknod, a link's or
   * rename's target.
   */
  public static Optional<String> createdPath(SyscallEvent e) {
    Integer i = CREATES.get(e.name());
    if (i == null) {
      return Optional.empty();
    }
    List<String> args = split(e.arguments());
    if (NEED_O_CREAT.contains(e.name()) && !e.arguments().contains("O_CREAT")) {
      return Optional.empty();
    }
    return quoted(args, i);
  }

  /**
   * The argument list split at top-level commas (strings, brackets and braces kept whole),
   * stripped.
   */
  public static List<String> split(String arguments) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int start = 0;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(arguments.substring(start, i).strip());
        start = i + 1;
      }
    }
    if (!arguments.isBlank()) {
      args.add(arguments.substring(start).strip());
    }
    return List.copyOf(args);
  }

  /** argv[0] of an execve's argument list ({@code ["bash", "-c", ...]}), unquoted. */
  public static Optional<String> argv0(SyscallEvent execve) {
    List<String> args = split(execve.arguments());
    if (args.size() < 2 || !args.get(1).startsWith("[")) {
      return Optional.empty();
    }
    List<String> argv = split(args.get(1).substring(1, Math.max(1, args.get(1).length() - 1)));
    return argv.isEmpty() ? Optional.empty() : unquote(argv.get(0));
  }

  private static Optional<String> quoted(List<String> args, int index) {
    return index < args.size() ? unquote(args.get(index)) : Optional.empty();
  }

  /**
   * {@code "a\"b"} to {@code a"b}; strace's truncation mark {@code ...} after the quote is dropped.
   */
  static Optional<String> unquote(String arg) {
    if (!arg.startsWith("\"")) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '"') {
        return Optional.of(out.toString());
      }
      if (c == '\\' && i + 1 < arg.length()) {
        char n = arg.charAt(++i);
        out.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return Optional.empty();
  }
}
