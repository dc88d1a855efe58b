package io.splitcheck.diff.explain;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The catalogue of known causes: each differing path goes to the first cause whose evidence it
 * shows (its path, its kinds, the Dockerfile step, what differs inside it), and each cause says its
 * fix and how many differing paths that fix removes. Paths no cause explains are counted by {@link
 * #unmatched}.
 */
public final class Causes {
  static final int EXAMPLES = 3;

  private record Cause(String id, String title, String fix, Predicate<Difference> matches) {}

  private static final List<Cause> CATALOGUE =
      List.of(
          new Cause(
              "apt-lists",
              "apt package lists",
              "rm -rf /var/lib/apt/lists/* in the same RUN as apt-get update",
              d -> under(d, "/var/lib/apt/lists")),
          new Cause(
              "apt-cache",
              "apt caches (pkgcache.bin, srcpkgcache.bin, archives)",
              "apt-get clean && rm -rf /var/cache/apt/*.bin in the same RUN",
              d -> under(d, "/var/cache/apt")),
          new Cause(
              "apt-logs",
              "apt logs (history.log, term.log, eipp.log.xz)",
              "rm -rf /var/log/apt/* in the same RUN",
              d -> under(d, "/var/log/apt")),
          new Cause(
              "dpkg-logs",
              "dpkg and debconf logs and backups",
              "rm -f /var/log/dpkg.log /var/log/alternatives.log /var/cache/debconf/*-old in the same RUN",
              d ->
                  d.path().equals("/var/log/dpkg.log")
                      || d.path().equals("/var/log/alternatives.log")
                      || d.path().startsWith("/var/cache/debconf/") && d.path().endsWith("-old")
                      || d.path().equals("/var/lib/dpkg/status-old")),
          new Cause(
              "ldconfig-aux-cache",
              "ldconfig's aux-cache (it records inode numbers and ctimes)",
              "rm -f /var/cache/ldconfig/aux-cache after the last ldconfig (it is only a speed-up)",
              d -> d.path().equals("/var/cache/ldconfig/aux-cache")),
          new Cause(
              "machine-id",
              "a machine-id made at build time",
              "truncate it in the same RUN: : > /etc/machine-id (systemd makes one at first boot); rm -f /var/lib/dbus/machine-id",
              d ->
                  d.path().equals("/etc/machine-id")
                      || d.path().equals("/var/lib/dbus/machine-id")),
          new Cause(
              "fontconfig-cache",
              "fontconfig caches",
              "rm -rf /var/cache/fontconfig/* in the same RUN",
              d -> under(d, "/var/cache/fontconfig")),
          new Cause(
              "man-db-cache",
              "man-db's index caches",
              "rm -rf /var/cache/man/* in the same RUN",
              d -> under(d, "/var/cache/man")),
          new Cause(
              "pyc-timestamp",
              "timestamp-based .pyc (they embed the source mtime)",
              "compile with python -m compileall --invalidation-mode unchecked-hash (or checked-hash), or set "
                  + "PYTHONDONTWRITEBYTECODE=1 and remove __pycache__",
              d ->
                  d.path().endsWith(".pyc")
                      && d.kinds().contains(DiffKind.CONTENT)
                      && (shows(d, "pyc-timestamp-based") || d.explanation() == null)),
          new Cause(
              "gzip-no-n",
              "gzip run without -n (it stores the input's name and mtime)",
              "gzip -n (or GZIP=-n, or pigz -n); tools that honour SOURCE_DATE_EPOCH need it set",
              d -> shows(d, "gzip-no-n") && !shows(d, "gzip-payload")),
          new Cause(
              "useradd-lastchg",
              "useradd/passwd stamping the day of the build into /etc/shadow",
              "set SOURCE_DATE_EPOCH for that RUN (shadow >= 4.9 uses it for lastchg), or fix the field: "
                  + "chage -d 0 / sed on /etc/shadow",
              d -> shows(d, "shadow-lastchg") || shows(d, "gshadow-lastchg")),
          new Cause(
              "random-order",
              "files created in an order that changes from build to build",
              "sort what is created or archived (tar --sort=name, sorted zip entries, sorted loops)",
              d ->
                  d.kinds().contains(DiffKind.ORDER)
                      || shows(d, "zip-order")
                      || shows(d, "tar-order")),
          new Cause(
              "copy-dir-mtime",
              "mtimes stamped by COPY/ADD at build time (BuildKit v0.8 in Docker 20.10)",
              "BuildKit >= v0.13 with SOURCE_DATE_EPOCH, rewrite-timestamp=true and an OCI export (the engines "
                  + "issue brings one); on Docker 20.10 accept it: twice --accept mtime-only",
              d -> mtimeOnly(d) && step(d).matches("(?s).*\\b(COPY|ADD)\\b.*")),
          new Cause(
              "build-time-mtime",
              "files and directories a RUN step made carry the build's time",
              "BuildKit >= v0.13 with SOURCE_DATE_EPOCH and rewrite-timestamp=true; or touch -d @$SOURCE_DATE_EPOCH "
                  + "what the step made",
              Causes::mtimeOnly));

  private static final Cause CONFIG_TIMESTAMPS =
      new Cause(
          "config-timestamps",
          "image config timestamps (created, history[].created)",
          "SOURCE_DATE_EPOCH as a build arg on BuildKit >= v0.11 (Docker 20.10 ships v0.8, which ignores it: "
              + "twice --accept config-only there)",
          d -> false);

  private Causes() {}

  /**
   * Causes that matched, the fix that removes most paths first (ties in catalogue order, config
   * timestamps last), each with its count and examples.
   */
  public static List<CauseGroup> match(
      List<Difference> differences, List<String> configDifferences) {
    Map<Cause, TreeSet<String>> hits = new LinkedHashMap<>();
    for (Difference d : differences) {
      for (Cause c : CATALOGUE) {
        if (deletionStamp(d) ? c.id().equals("build-time-mtime") : c.matches().test(d)) {
          hits.computeIfAbsent(c, k -> new TreeSet<>()).add(d.path());
          break;
        }
      }
    }
    List<Map.Entry<Cause, TreeSet<String>>> ordered = new ArrayList<>(hits.entrySet());
    ordered.sort(
        (x, y) ->
            y.getValue().size() != x.getValue().size()
                ? y.getValue().size() - x.getValue().size()
                : CATALOGUE.indexOf(x.getKey()) - CATALOGUE.indexOf(y.getKey()));
    hits = new LinkedHashMap<>();
    for (Map.Entry<Cause, TreeSet<String>> e : ordered) {
      hits.put(e.getKey(), e.getValue());
    }
    List<String> timestamps =
        configDifferences.stream()
            .filter(p -> p.equals("$.created") || p.endsWith(".created"))
            .toList();
    if (!timestamps.isEmpty()) {
      hits.put(CONFIG_TIMESTAMPS, new TreeSet<>(timestamps));
    }
    List<CauseGroup> out = new ArrayList<>();
    hits.forEach(
        (c, paths) ->
            out.add(
                new CauseGroup(
                    c.id(),
                    c.title(),
                    c.fix(),
                    paths.size(),
                    paths.stream().limit(EXAMPLES).toList())));
    return out;
  }

  /** Differing paths no cause explains. */
  public static List<String> unmatched(List<Difference> differences) {
    TreeSet<String> out = new TreeSet<>();
    differences.stream()
        .filter(d -> CATALOGUE.stream().noneMatch(c -> c.matches().test(d)))
        .forEach(d -> out.add(d.path()));
    return List.copyOf(out);
  }

  /**
   * A whiteout whose only difference is its mtime: the deletion itself (the RUN that removed the
   * path, e.g. an aux-cache already fixed), stamped with the build's time, not the deleted path's
   * own cause.
   */
  private static boolean deletionStamp(Difference d) {
    return mtimeOnly(d) && d.detail() != null && d.detail().startsWith("deleted in this layer");
  }

  private static boolean under(Difference d, String dir) {
    return d.path().equals(dir) || d.path().startsWith(dir + "/");
  }

  private static boolean shows(Difference d, String evidence) {
    return d.explanation() != null && d.explanation().evidence().contains(evidence);
  }

  private static boolean mtimeOnly(Difference d) {
    return d.kinds().equals(List.of(DiffKind.MTIME));
  }

  private static String step(Difference d) {
    return d.step() == null ? "" : d.step();
  }
}
