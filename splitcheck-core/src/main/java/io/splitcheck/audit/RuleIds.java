package io.splitcheck.audit;

import io.splitcheck.model.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every rule id the audit can report, with its default severity and a one-line description. */
public final class RuleIds {
  /** A rule's default severity and what it means. */
  public record Rule(String id, Severity severity, String description) {}

  private static final Map<String, Rule> ALL = new LinkedHashMap<>();

  static {
    add(
        "linkage.dynamic-in-scratch",
        Severity.ERROR,
        "a dynamically linked executable in an image with no loader (ld-linux/ld-musl): it cannot start");
    add(
        "linkage.missing-interpreter",
        Severity.ERROR,
        "an executable's PT_INTERP loader is not in the image (e.g. a musl binary on a glibc image)");
    add(
        "linkage.missing-library",
        Severity.ERROR,
        "a DT_NEEDED library that the loader would not find through RPATH/RUNPATH, ld.so.conf and default dirs");
    add(
        "linkage.missing-entrypoint",
        Severity.ERROR,
        "the ENTRYPOINT/CMD program is not in the image");
    add(
        "linkage.unused-library",
        Severity.WARNING,
        "a shared library in a library directory that no ELF file in the image needs");
    add(
        "linkage.unreadable-elf",
        Severity.INFO,
        "an ELF file the reader could not parse (truncated, corrupt, too large)");
    add("leak.private-key", Severity.ERROR, "a file containing a PEM PRIVATE KEY block");
    add(
        "leak.cloud-credentials",
        Severity.ERROR,
        "cloud or registry credential files (.aws/credentials, gcloud, azure, .kube/config, .docker/config.json, .netrc, ...)");
    add("leak.env-file", Severity.ERROR, "a .env or .env.* file");
    add("leak.git-dir", Severity.WARNING, "a .git directory (history, remotes, sometimes tokens)");
    add(
        "leak.node-modules-dev",
        Severity.WARNING,
        "development tools in node_modules (test runners, linters, compilers)");
    add("leak.sqlite", Severity.WARNING, "an SQLite database (by its header)");
    add("leak.sql-dump", Severity.WARNING, "an SQL dump (*.sql, *.sql.gz, *.dump)");
    add(
        "leak.backup",
        Severity.WARNING,
        "backups and archives (*.bak, *.old, *.orig, *.tar.gz, *.zip, ...)");
    add("leak.log-dir", Severity.WARNING, "log files outside /var/log (log/, logs/, *.log)");
    add(
        "leak.tmp-dir",
        Severity.WARNING,
        "non-empty files left in /tmp, /var/tmp or an app tmp/ directory");
    add(
        "leak.junk",
        Severity.INFO,
        "editor and OS junk (.DS_Store, Thumbs.db, *.swp, *~, .idea/, .vscode/)");
    add(
        "context.symlink-outside",
        Severity.WARNING,
        "a symlink in the build context that points outside it");
    add(
        "context.copy-all-no-dockerignore",
        Severity.WARNING,
        "COPY . / ADD . with no .dockerignore");
    add(
        "context.large-file",
        Severity.WARNING,
        "a large file in the context that no .dockerignore pattern excludes");
    add("dockerfile.unpinned-base", Severity.WARNING, "FROM without an @sha256: digest");
    add(
        "dockerfile.arg-scope",
        Severity.WARNING,
        "an ARG declared before FROM used in a stage that does not re-declare it (it expands to empty)");
    add(
        "dockerfile.toolchain-in-final",
        Severity.WARNING,
        "compilers or package managers in the final image");
    add(
        "dockerfile.apt-recommends",
        Severity.WARNING,
        "apt-get install without --no-install-recommends");
    add(
        "dockerfile.apt-lists",
        Severity.WARNING,
        "apt-get update/install without rm -rf /var/lib/apt/lists in the same RUN");
    add(
        "dockerfile.secret-in-env",
        Severity.ERROR,
        "ENV/ARG (or the image's Env) whose name or value looks like a secret");
    add(
        "secret.unmounted",
        Severity.ERROR,
        "a secret id passed to the build that no RUN --mount=type=secret uses");
    add(
        "secret.not-passed",
        Severity.WARNING,
        "a RUN --mount=type=secret whose id the build was not given");
    add("cache.hit-ratio", Severity.INFO, "the share of build steps reported CACHED");
    add(
        "cache.needless-invalidation",
        Severity.WARNING,
        "a step re-run after a build argument changed that does not reference the argument");
    add("size.layers", Severity.INFO, "bytes per layer and the step that made it");
    add("size.largest-files", Severity.INFO, "the largest files in the final filesystem");
    add(
        "size.efficiency",
        Severity.INFO,
        "total, wasted bytes and an efficiency figure like dive's");
    add(
        "size.wasted",
        Severity.WARNING,
        "a large file overwritten or deleted in a later layer (its bytes stay in the image)");
  }

  private RuleIds() {}

  private static void add(String id, Severity s, String description) {
    ALL.put(id, new Rule(id, s, description));
  }

  public static Map<String, Rule> all() {
    return Collections.unmodifiableMap(ALL);
  }

  public static Severity defaultSeverity(String id) {
    Rule r = ALL.get(id);
    if (r == null) {
      throw new IllegalStateException("rule id '" + id + "' is not registered in RuleIds");
    }
    return r.severity();
  }

  /**
   * Whether {@code pattern} names a rule: an exact id, a category ({@code leak}) or {@code leak.*}.
   */
  public static boolean matches(String pattern, String id) {
    String p = pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
    return id.equals(p) || id.startsWith(p + ".");
  }

  /**
   * @throws IllegalArgumentException when the pattern names no rule
   */
  public static void requireKnown(String pattern, String where) {
    if (ALL.keySet().stream().noneMatch(id -> matches(pattern, id))) {
      throw new IllegalArgumentException(
          "Error parsing "
              + where
              + " '"
              + pattern
              + "': no such rule id (expected one of "
              + String.join(", ", ALL.keySet())
              + ", or a category like leak.*)");
    }
  }
}
