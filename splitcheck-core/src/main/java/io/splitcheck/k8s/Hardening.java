package io.splitcheck.k8s;

import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Least privilege read from the baseline's trace (every call, strace): the capabilities its
 * successful calls needed, the directories it wrote (the tmpfs/emptyDir list a read-only root
 * needs), whether it talked to anything beyond loopback, and the UID it can run as.
 *
 * @param uid the UID to run as: 0 only when a needed capability works for root alone
 * @param gid the primary group (0, as OpenShift and runc give an unknown UID)
 * @param capabilities the capabilities to add after dropping all ({@code NET_BIND_SERVICE}), sorted
 * @param writable directories to mount an emptyDir/tmpfs on, sorted, none inside another
 * @param network whether it used a network beyond loopback
 * @param readOnlyRoot whether the root can be read-only (false when it writes directly under /)
 * @param reasons why each choice was made, with the trace line that made it
 */
public record Hardening(
    long uid,
    long gid,
    List<String> capabilities,
    List<String> writable,
    boolean network,
    boolean readOnlyRoot,
    List<String> reasons) {
  /**
   * Where a non-root image without a numeric USER runs (as k8s-restricted): distroless' nonroot.
   */
  public static final long NON_ROOT = 65532;

  private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
  private static final Pattern INET4 = Pattern.compile("inet_addr\\(\"([0-9.]+)\"\\)");
  private static final Pattern INET6 =
      Pattern.compile("inet_pton\\(AF_INET6, \"([0-9a-fA-F:.]+)\"");
  private static final Set<String> ROOT_ONLY =
      Set.of("CHOWN", "SETUID", "SETGID", "MKNOD", "SYS_CHROOT", "FOWNER", "KILL");
  private static final Set<String> CREATES =
      Set.of(
          "mkdir",
          "mkdirat",
          "unlink",
          "unlinkat",
          "rmdir",
          "rename",
          "renameat",
          "renameat2",
          "link",
          "linkat",
          "symlink",
          "symlinkat",
          "creat",
          "mknod",
          "mknodat",
          "truncate");
  private static final List<String> KERNEL_FILESYSTEMS =
      List.of("/dev", "/proc", "/sys", "/.splitcheck");

  public Hardening {
    capabilities = List.copyOf(capabilities);
    writable = List.copyOf(writable);
    reasons = List.copyOf(reasons);
  }

  /**
   * @param imageUser the image's USER ({@code ""} for root)
   * @param workingDir where relative paths start ({@code /} when the image sets none)
   */
  public static Hardening of(Trace baseline, String imageUser, String workingDir) {
    TreeMap<String, String> caps = new TreeMap<>();
    TreeMap<String, String> dirs = new TreeMap<>();
    String net = null;
    ProcessPaths resolver = new ProcessPaths(workingDir);
    for (SyscallEvent e : baseline.events()) {
      if (e.errno() != null) {
        continue;
      }
      List<String> paths = resolver.paths(e);
      resolver.follow(e);
      String cap = capability(e);
      if (cap != null) {
        caps.putIfAbsent(cap, e.name() + " (trace line " + e.line() + ")");
      }
      for (String dir : writtenDirs(e, paths)) {
        dirs.putIfAbsent(dir, e.name() + " \"" + paths.get(0) + "\" (trace line " + e.line() + ")");
      }
      if (net == null && usesNetwork(e)) {
        net = e.name() + "(" + abbreviate(e.arguments()) + ") (trace line " + e.line() + ")";
      }
    }
    List<String> reasons = new ArrayList<>();
    caps.forEach((c, why) -> reasons.add("capability " + c + ": " + why));
    List<String> writable = outermost(dirs.keySet());
    boolean readOnly = !writable.contains("/");
    for (String d : writable) {
      reasons.add(
          (d.equals("/") ? "root written directly, so it stays writable: " : "writes " + d + ": ")
              + dirs.get(d));
    }
    reasons.add(net == null ? "no network beyond loopback" : "network: " + net);
    boolean root = caps.keySet().stream().anyMatch(ROOT_ONLY::contains);
    long uid = root ? 0 : imageUid(imageUser);
    boolean own = imageUid(imageUser) != NON_ROOT || imageUser.startsWith(NON_ROOT + "");
    reasons.add(
        root
            ? "runs as root: "
                + caps.keySet().stream().filter(ROOT_ONLY::contains).toList()
                + " act for root only (a non-root process keeps no capability across execve)"
            : "runs as "
                + uid
                + (own ? " (the image's USER)" : " (the image sets no numeric non-root USER)"));
    return new Hardening(
        uid,
        0,
        List.copyOf(caps.keySet()),
        writable.stream().filter(d -> !d.equals("/")).toList(),
        net != null,
        readOnly,
        reasons);
  }

  private static long imageUid(String imageUser) {
    String u = imageUser.contains(":") ? imageUser.substring(0, imageUser.indexOf(':')) : imageUser;
    return u.matches("[0-9]+") && Long.parseLong(u) > 0 ? Long.parseLong(u) : NON_ROOT;
  }

  static String capability(SyscallEvent e) {
    String n = e.name();
    String a = e.arguments();
    if (n.matches("f?chown(at|32)?|lchown(32)?")) {
      return "CHOWN";
    }
    if (n.matches("set(re|res|fs)?uid(32)?")) {
      return "SETUID";
    }
    if (n.matches("set(re|res|fs)?gid(32)?|setgroups(32)?")) {
      return "SETGID";
    }
    if (n.startsWith("mknod") && (a.contains("S_IFCHR") || a.contains("S_IFBLK"))) {
      return "MKNOD";
    }
    if (n.equals("chroot")) {
      return "SYS_CHROOT";
    }
    if (n.equals("socket") && (a.contains("SOCK_RAW") || a.contains("AF_PACKET"))) {
      return "NET_RAW";
    }
    if (n.equals("bind")) {
      Matcher m = PORT.matcher(a);
      if (m.find() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(1)) < 1024) {
        return "NET_BIND_SERVICE";
      }
    }
    return null;
  }

  /**
   * The directories a successful call wrote in (a file's directory, a created or removed entry's
   * parent), from its {@code paths} resolved.
   */
  static List<String> writtenDirs(SyscallEvent e, List<String> paths) {
    String n = e.name();
    String a = e.arguments();
    boolean opensForWrite =
        n.matches("open(at|at2)?")
            && (a.contains("O_WRONLY") || a.contains("O_RDWR") || a.contains("O_CREAT"));
    if (!opensForWrite && !CREATES.contains(n) || paths.isEmpty()) {
      return List.of();
    }
    // symlink's target is not written, only the link's name
    List<String> written =
        n.startsWith("symlink") ? paths.subList(paths.size() - 1, paths.size()) : paths;
    List<String> out = new ArrayList<>();
    for (String p : written) {
      if (KERNEL_FILESYSTEMS.stream().noneMatch(k -> p.equals(k) || p.startsWith(k + "/"))) {
        out.add(parent(p));
      }
    }
    return out;
  }

  private static boolean usesNetwork(SyscallEvent e) {
    if (!Set.of("connect", "sendto", "sendmsg", "bind").contains(e.name())) {
      return false;
    }
    String a = e.arguments();
    if (!a.contains("AF_INET")) {
      return false;
    }
    Matcher v4 = INET4.matcher(a);
    if (v4.find()) {
      return !v4.group(1).startsWith("127.")
          && !(e.name().equals("bind") && v4.group(1).equals("127.0.0.1"));
    }
    Matcher v6 = INET6.matcher(a);
    return !v6.find() || !v6.group(1).equals("::1");
  }

  static String absolute(String p, String workingDir) {
    String base = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    String joined = p.startsWith("/") ? p : (base.endsWith("/") ? base : base + "/") + p;
    List<String> parts = new ArrayList<>();
    for (String s : joined.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String parent(String p) {
    int i = p.lastIndexOf('/');
    return i <= 0 ? "/" : p.substring(0, i);
  }

  /** The directories, leaving out any inside another of them. */
  static List<String> outermost(Set<String> dirs) {
    TreeSet<String> sorted = new TreeSet<>(dirs);
    List<String> out = new ArrayList<>();
    for (String d : sorted) {
      if (out.stream().noneMatch(o -> o.equals("/") || d.equals(o) || d.startsWith(o + "/"))) {
        out.add(d);
      }
    }
    if (sorted.contains("/")) {
      return List.of("/");
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
