package io.splitcheck.k8s;

import io.splitcheck.seccomp.Culprit;
import io.splitcheck.trace.SyscallEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The causes a pod brings beyond seccomp and dropped capabilities, each from the failing call and
 * the image: {@code user} (a path whose owner and mode exclude the cell's uid/gid), {@code pids}
 * (EAGAIN from clone/fork under a pids limit) and {@code file-capability} (execve EPERM because the
 * program's {@code security.capability} exceeds the bounding set).
 */
public final class CauseRules {
  public static final String USER = "user";
  public static final String PIDS = "pids";
  public static final String FILE_CAPABILITY = "file-capability";

  /** How a path of the image is looked up (the engine's archive of a created container). */
  public interface ImageFiles {
    Optional<ImageFile> stat(String path);
  }

  private static final Pattern FIRST_PATH = Pattern.compile("\"(/[^\"]*)\"");
  private static final Set<String> FORKS = Set.of("clone", "clone3", "fork", "vfork");
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
          "mknodat");

  private CauseRules() {}

  /** The Kubernetes cause of one failing call, or empty when none explains it. */
  public static Optional<Culprit> explain(SyscallEvent e, CellIdentity who, ImageFiles files) {
    String errno = e.errno();
    if (errno == null) {
      return Optional.empty();
    }
    if (errno.equals("EAGAIN") && FORKS.contains(e.name()) && who.pidsLimit() != null) {
      return Optional.of(
          new Culprit(
              e.name(),
              errno,
              PIDS,
              null,
              "the cell's pids limit ("
                  + who.pidsLimit()
                  + ") is reached: the kernel refuses a new task (raise --limit pids / the pod's "
                  + "pids limit, or bound the program's workers)"));
    }
    if (e.name().equals("execve") && errno.equals("EPERM")) {
      return firstPath(e).flatMap(files::stat).flatMap(f -> fileCapability(e, f, who));
    }
    if ((errno.equals("EACCES") || errno.equals("EPERM")) && who.uid() > 0) {
      return firstPath(e).flatMap(p -> user(e, p, who, files));
    }
    return Optional.empty();
  }

  private static Optional<Culprit> fileCapability(SyscallEvent e, ImageFile f, CellIdentity who) {
    List<String> missing =
        f.fileCapabilities().stream().filter(c -> !who.boundingCaps().contains(c)).toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    String caps =
        f.fileCapabilities().stream()
                .map(c -> c.substring(4).toLowerCase())
                .collect(Collectors.joining(","))
            + (f.capabilityEffective() ? "=ep" : "=p");
    return Optional.of(
        new Culprit(
            e.name(),
            e.errno(),
            FILE_CAPABILITY,
            null,
            f.path()
                + " carries the file capability "
                + caps
                + " (security.capability in the image); the cell's "
                + "bounding set lacks "
                + String.join(", ", missing)
                + ", so the kernel refuses the exec "
                + "(fix: add "
                + String.join(", ", missing)
                + " to the cell, or remove it from the file: setcap -r "
                + f.path()
                + ")"));
  }

  private static Optional<Culprit> user(
      SyscallEvent e, String path, CellIdentity who, ImageFiles files) {
    return blocker(e, path, who, files)
        .map(b -> new Culprit(e.name(), e.errno(), USER, null, describe(b.file(), who, b.want())));
  }

  /**
   * The path of the image whose owner and mode refuse the cell the access, and the access refused.
   */
  public record Blocker(ImageFile file, int want) {}

  /**
   * For an EACCES/EPERM on a path in a non-root cell, the path or parent that refuses it (owner,
   * group and mode from the image), or empty.
   */
  public static Optional<Blocker> blocker(SyscallEvent e, CellIdentity who, ImageFiles files) {
    return firstPath(e).flatMap(p -> blocker(e, p, who, files));
  }

  private static Optional<Blocker> blocker(
      SyscallEvent e, String path, CellIdentity who, ImageFiles files) {
    boolean writes = writes(e);
    List<String> chain = ancestors(path);
    for (int i = 0; i < chain.size(); i++) {
      Optional<ImageFile> f = files.stat(chain.get(i));
      if (f.isEmpty()) {
        continue;
      }
      int want =
          i == 0
              ? (f.get().directory() && !writes ? 1 : writes ? 2 : 4)
              : i == 1 && writes && files.stat(path).isEmpty() ? 3 : 1;
      if (!f.get().permits(who.uid(), who.gids(), want)) {
        return Optional.of(new Blocker(f.get(), want));
      }
    }
    return Optional.empty();
  }

  private static String describe(ImageFile f, CellIdentity who, int want) {
    String access = (want & 2) != 0 ? "write" : (want & 4) != 0 ? "read" : "search";
    String dir =
        f.directory() ? f.path() : f.path().substring(0, Math.max(1, f.path().lastIndexOf('/')));
    return f.path()
        + " is owned by "
        + f.uid()
        + ":"
        + f.gid()
        + " with mode "
        + f.octalMode()
        + " in the image; the cell runs as "
        + who.describe()
        + ", which may not "
        + access
        + " it (fix: "
        + "COPY --chown="
        + (who.uid() < 0 ? "UID" : who.uid())
        + ":0 or chown in the Dockerfile; "
        + "for OpenShift's arbitrary UID, chgrp 0 and chmod g=u "
        + f.path()
        + ((want & 2) != 0 ? "; or mount an emptyDir (--tmpfs) at " + dir : "")
        + ")";
  }

  /** Whether the call writes or creates its path. */
  static boolean writes(SyscallEvent e) {
    String a = e.arguments();
    return CREATES.contains(e.name())
        || a.contains("O_WRONLY")
        || a.contains("O_RDWR")
        || a.contains("O_CREAT")
        || a.contains("W_OK")
        || e.name().startsWith("truncate");
  }

  /**
   * {@code /a/b/c}, {@code /a/b}, {@code /a}: the path, then its parents (the root itself is left
   * out).
   */
  public static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    while (p.length() > 1) {
      out.add(p);
      p = p.substring(0, Math.max(1, p.lastIndexOf('/')));
    }
    return out;
  }

  static Optional<String> firstPath(SyscallEvent e) {
    Matcher m = FIRST_PATH.matcher(e.arguments());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
