package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code leak.*}: files that should not ship, in every layer (a file deleted later is still in the
 * image's bytes, and the finding says so). Private keys and SQLite databases by content; the rest
 * by path.
 */
public final class LeakRules implements AuditRule {
  private static final Pattern CLOUD =
      Pattern.compile(
          ".*/\\.aws/(credentials|config)|.*/\\.config/gcloud/(credentials\\.db|access_tokens\\.db"
              + "|application_default_credentials\\.json|legacy_credentials/.*)|.*/\\.azure/(accessTokens\\.json"
              + "|msal_token_cache\\.(json|bin)|azureProfile\\.json)|.*/\\.kube/config|.*/\\.docker/config\\.json"
              + "|.*/\\.netrc|.*/\\.git-credentials|.*/\\.pypirc|.*/\\.npmrc|.*/\\.boto|.*/\\.s3cfg");
  private static final Pattern ENV_FILE = Pattern.compile("\\.env(\\..+)?");
  private static final Pattern SQL_DUMP =
      Pattern.compile(".*\\.(sql|dump|pgdump)(\\.(gz|bz2|xz|zst))?");
  private static final Pattern BACKUP =
      Pattern.compile(
          ".*\\.(bak|backup|old|orig|tar|tar\\.gz|tgz|tar\\.bz2|tar\\.xz|tar\\.zst|zip|7z|rar)");
  private static final Pattern JUNK =
      Pattern.compile("\\.DS_Store|Thumbs\\.db|desktop\\.ini|\\._.+|.+\\.sw[op]|.+~|#.+#");
  private static final Pattern JUNK_DIR = Pattern.compile(".*/(\\.idea|\\.vscode|__MACOSX)/.*");
  private static final Pattern DEV_TOOL =
      Pattern.compile(
          ".*/node_modules/((@types/[^/]+)|typescript|jest|mocha"
              + "|eslint|prettier|webpack|nodemon|ts-node|vite|rollup|@babel/core|karma|nyc|ava|jasmine|tap|c8|esbuild"
              + "|@swc/core|vitest|cypress|puppeteer|playwright)/package\\.json");
  private static final Pattern LOG = Pattern.compile("(?!/var/log/).*(/(log|logs)/.+|\\.log)");
  private static final Pattern TMP = Pattern.compile("/tmp/.+|/var/tmp/.+|.*/tmp/.+");
  private static final Pattern SYSTEM =
      Pattern.compile("/(usr|lib|lib64|bin|sbin|etc|var/lib/dpkg|var/cache/debconf|proc|sys)/.*");

  @Override
  public List<Finding> check(AuditInput in) {
    ImageView img = in.image();
    if (img == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    Map<String, Finding> gitDirs = new TreeMap<>();
    for (ImageView.Occurrence o : img.occurrences()) {
      String path = o.entry().path();
      String base = ImageFs.baseName(path);
      Evidence ev = img.at(o);
      Optional<FileFacts> facts = img.facts(o.layer(), path);
      String note =
          o.hidden()
              ? " (deleted or replaced in a later layer; its bytes stay in layer " + o.layer() + ")"
              : "";
      if (facts.map(FileFacts::privateKey).orElse(false)) {
        out.add(Finding.of("leak.private-key", "private key block in " + path + note, ev));
      }
      if (facts.map(FileFacts::sqlite).orElse(false)) {
        out.add(Finding.of("leak.sqlite", "SQLite database " + path + note, ev));
      }
      if (CLOUD.matcher(path).matches()) {
        out.add(Finding.of("leak.cloud-credentials", "credential file " + path + note, ev));
      }
      if (ENV_FILE.matcher(base).matches()) {
        out.add(Finding.of("leak.env-file", "environment file " + path + note, ev));
      }
      int git = path.indexOf("/.git/");
      if (git >= 0) {
        gitDirs.merge(
            path.substring(0, git + 5),
            Finding.of(
                "leak.git-dir",
                "git directory " + path.substring(0, git + 5),
                ev.withPath(path.substring(0, git + 5))),
            LeakRules::sumSizes);
      }
      Optional<Finding> byName = byName(path, base, note, ev);
      byName.ifPresent(out::add);
    }
    out.addAll(gitDirs.values());
    return out;
  }

  private static Optional<Finding> byName(String path, String base, String note, Evidence ev) {
    String lower = base.toLowerCase(Locale.ROOT);
    if (DEV_TOOL.matcher(path).matches()) {
      String dir = ImageFs.parent(path);
      return Optional.of(
          Finding.of(
              "leak.node-modules-dev",
              "development package "
                  + dir.substring(dir.lastIndexOf("node_modules/") + 13)
                  + " in "
                  + dir
                  + note,
              ev.withPath(dir)));
    }
    if (SYSTEM.matcher(path).matches()) {
      return Optional.empty();
    }
    if (SQL_DUMP.matcher(lower).matches()) {
      return Optional.of(Finding.of("leak.sql-dump", "SQL dump " + path + note, ev));
    } else if (BACKUP.matcher(lower).matches()) {
      return Optional.of(Finding.of("leak.backup", "backup or archive " + path + note, ev));
    } else if (JUNK.matcher(base).matches() || JUNK_DIR.matcher(path).matches()) {
      return Optional.of(Finding.of("leak.junk", "editor or OS junk " + path + note, ev));
    } else if (LOG.matcher(path).matches()) {
      return Optional.of(Finding.of("leak.log-dir", "log file " + path + note, ev));
    } else if (TMP.matcher(path).matches() && ev.size() != null && ev.size() > 0) {
      return Optional.of(Finding.of("leak.tmp-dir", "temporary file " + path + note, ev));
    }
    return Optional.empty();
  }

  private static Finding sumSizes(Finding a, Finding b) {
    long size =
        (a.evidence().size() == null ? 0 : a.evidence().size())
            + (b.evidence().size() == null ? 0 : b.evidence().size());
    boolean deleted = a.evidence().deletedInLaterLayer() && b.evidence().deletedInLaterLayer();
    return a.withEvidence(a.evidence().withSize(size).deleted(deleted));
  }
}
