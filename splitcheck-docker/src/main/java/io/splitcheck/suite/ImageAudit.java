package io.splitcheck.suite;

import io.splitcheck.audit.AuditConfig;
import io.splitcheck.audit.AuditInput;
import io.splitcheck.audit.AuditInput.BasePin;
import io.splitcheck.audit.AuditReport;
import io.splitcheck.audit.Auditor;
import io.splitcheck.audit.BaseImage;
import io.splitcheck.audit.BuildContext;
import io.splitcheck.audit.BuildLog;
import io.splitcheck.audit.Dockerfile;
import io.splitcheck.audit.ImageView;
import io.splitcheck.engine.BuildLogRunner;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One audit over a local image: streams it out of the engine, reads the optional Dockerfile,
 * context and build logs, runs the cache check's two builds when asked, and hands everything to the
 * pure {@link Auditor}. Shared by {@code splitcheck audit} and the scenario suite.
 *
 * @param dockerfile the Dockerfile, or null
 * @param context the build context, or null
 * @param cacheCheck {@code ARG=V1,V2}, or null
 */
public record ImageAudit(
    String image,
    Path dockerfile,
    Path context,
    List<Path> buildLogs,
    List<String> secretIds,
    AuditConfig config,
    boolean entrypointOnly,
    String cacheCheck) {
  public ImageAudit {
    buildLogs = List.copyOf(buildLogs);
    secretIds = secretIds == null ? null : List.copyOf(secretIds);
  }

  public AuditReport run(ImageStore store, BuildLogRunner runner, String runId) throws Exception {
    if (store.inspect(image).isEmpty()) {
      throw new IllegalArgumentException(
          "Error parsing IMAGE '"
              + image
              + "': the engine has no such image (splitcheck never pulls; build or load it first)");
    }
    ImageView view;
    try (InputStream in = store.save(image)) {
      view = ImageView.read(in, image);
    }
    Dockerfile df = dockerfile == null ? null : Dockerfile.read(dockerfile);
    List<BuildLog> logs = new ArrayList<>();
    for (Path p : buildLogs) {
      logs.add(BuildLog.read(p));
    }
    AuditInput in =
        AuditInput.of(view)
            .withDockerfile(df)
            .withBuildLogs(logs)
            .withSecretIds(secretIds)
            .withPins(df == null ? Map.of() : pins(df, store))
            .withConfig(config)
            .withEntrypointOnly(entrypointOnly)
            .withBase(df == null ? null : base(df, view, store).orElse(null))
            .withContext(context == null ? null : BuildContext.scan(context, dockerfile))
            .withCacheCheck(
                cacheCheck == null
                    ? null
                    : CacheCheckRun.run(cacheCheck, context, dockerfile, runId, runner, store));
    return new Auditor().audit(in);
  }

  /**
   * The image the Dockerfile's final stage is FROM (through {@code FROM <stage>}), when the engine
   * holds it and its layers are the first of {@code view}'s; else empty (scratch, a variable, a
   * base not here, or one rebuilt since): then no finding is attributed to a base.
   */
  static Optional<BaseImage> base(Dockerfile df, ImageView view, ImageStore store)
      throws EngineException {
    List<Dockerfile.Stage> stages = df.stages();
    if (stages.isEmpty()) {
      return Optional.empty();
    }
    String base = stages.get(stages.size() - 1).base();
    for (int hops = 0; hops < stages.size(); hops++) {
      String from = base;
      Optional<Dockerfile.Stage> stage =
          stages.stream().filter(s -> from.equalsIgnoreCase(s.name())).findFirst();
      if (stage.isEmpty()) {
        break;
      }
      base = stage.get().base();
    }
    if (base.equals("scratch") || base.contains("$")) {
      return Optional.empty();
    }
    Optional<ImageStore.ImageInfo> info = store.inspect(base);
    return info.isEmpty()
        ? Optional.empty()
        : BaseImage.match(base, info.get().diffIds(), view.diffIds());
  }

  /**
   * Per unpinned FROM reference, the digest the engine resolves now: a repo digest, else the local
   * image id.
   */
  public static Map<String, BasePin> pins(Dockerfile df, ImageStore store) throws EngineException {
    Map<String, BasePin> out = new HashMap<>();
    for (Dockerfile.Stage s : df.stages()) {
      String base = s.base();
      if (base.equals("scratch") || base.contains("@") || out.containsKey(base)) {
        continue;
      }
      store
          .inspect(base)
          .ifPresent(
              info ->
                  out.put(
                      base,
                      new BasePin(
                          base,
                          info.pinDigest(),
                          info.hasRepoDigest()
                              ? "repo digest the engine resolves for this tag now"
                              : "image id of the local tag, which has no repo digest because it was built or loaded locally; "
                                  + "this pin holds only on this engine")));
    }
    return out;
  }
}
