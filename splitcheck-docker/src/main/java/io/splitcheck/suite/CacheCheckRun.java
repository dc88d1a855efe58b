package io.splitcheck.suite;

import io.splitcheck.audit.AuditInput;
import io.splitcheck.audit.BuildLog;
import io.splitcheck.audit.CacheScope;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.TempFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code audit --cache-check ARG=V1,V2}: builds the context with ARG=V1, then ARG=V2, both with the
 * same run-unique {@link CacheScope} value, tags them {@code splitcheck-audit/cache-check:<run
 * id>-1|-2} and removes both afterwards.
 */
public final class CacheCheckRun {
  private CacheCheckRun() {}

  public static AuditInput.CacheCheck run(
      String spec,
      Path context,
      Path dockerfile,
      String runId,
      BuildLogRunner runner,
      ImageStore store)
      throws Exception {
    String[] kv = spec.split("=", 2);
    String[] values = kv.length == 2 ? kv[1].split(",", -1) : new String[0];
    if (kv[0].isBlank() || values.length != 2) {
      throw new IllegalArgumentException(
          "Error parsing --cache-check '" + spec + "': expected ARG=V1,V2");
    }
    Path work = TempFolder.create("splitcheck-cache-check-", runId);
    String tag = "splitcheck-audit/cache-check:" + runId;
    try {
      Path scoped = work.resolve("Dockerfile");
      Files.writeString(
          scoped, CacheScope.scoped(dockerfile.toString(), Files.readString(dockerfile)));
      Path ignore = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
      if (Files.isRegularFile(ignore)) {
        Files.copy(ignore, work.resolve("Dockerfile.dockerignore"));
      }
      List<String> first =
          runner.build(
              context, scoped, Map.of(kv[0], values[0], CacheScope.ARG, runId), tag + "-1");
      List<String> second =
          runner.build(
              context, scoped, Map.of(kv[0], values[1], CacheScope.ARG, runId), tag + "-2");
      return new AuditInput.CacheCheck(
          kv[0],
          values[0],
          values[1],
          BuildLog.parse("build " + kv[0] + "=" + values[0], first),
          BuildLog.parse("build " + kv[0] + "=" + values[1], second));
    } finally {
      store.remove(tag + "-1");
      store.remove(tag + "-2");
      TempFolder.deleteQuietly(work);
    }
  }
}
