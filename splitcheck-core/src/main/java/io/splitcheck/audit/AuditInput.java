package io.splitcheck.audit;

import java.util.List;
import java.util.Map;

/**
 * Everything one audit looks at; each part but the config may be absent (null or empty), and the
 * rules that need an absent part report nothing.
 *
 * @param image the saved image as read
 * @param dockerfile the Dockerfile ({@code --dockerfile})
 * @param context the build context ({@code --context})
 * @param buildLogs {@code --progress=plain} logs ({@code --build-log})
 * @param cacheCheck the two builds {@code --cache-check} ran
 * @param secretIds the secret ids passed to the build, null when not said
 * @param pins per {@code FROM} reference, the digest the engine resolves now
 * @param entrypointOnly read only the entrypoint/cmd program and what it loads
 * @param base the image the final stage is FROM and how many layers are its, or null when unknown
 */
public record AuditInput(
    ImageView image,
    Dockerfile dockerfile,
    BuildContext context,
    List<BuildLog> buildLogs,
    CacheCheck cacheCheck,
    List<String> secretIds,
    Map<String, BasePin> pins,
    AuditConfig config,
    boolean entrypointOnly,
    BaseImage base) {
  /** The digest to pin a base reference to, and where it came from. */
  public record BasePin(String reference, String digest, String source) {}

  /**
   * Two builds of the same Dockerfile differing in one build argument; {@code second} ran after
   * {@code first}.
   */
  public record CacheCheck(
      String arg, String firstValue, String secondValue, BuildLog first, BuildLog second) {}

  public AuditInput {
    buildLogs = List.copyOf(buildLogs == null ? List.of() : buildLogs);
    secretIds = secretIds == null ? null : List.copyOf(secretIds);
    pins = Map.copyOf(pins == null ? Map.of() : pins);
    config = config == null ? AuditConfig.DEFAULT : config;
  }

  public static AuditInput of(ImageView image) {
    return new AuditInput(
        image, null, null, List.of(), null, null, Map.of(), AuditConfig.DEFAULT, false, null);
  }

  public AuditInput withDockerfile(Dockerfile d) {
    return new AuditInput(
        image, d, context, buildLogs, cacheCheck, secretIds, pins, config, entrypointOnly, base);
  }

  public AuditInput withContext(BuildContext c) {
    return new AuditInput(
        image, dockerfile, c, buildLogs, cacheCheck, secretIds, pins, config, entrypointOnly, base);
  }

  public AuditInput withBuildLogs(List<BuildLog> l) {
    return new AuditInput(
        image, dockerfile, context, l, cacheCheck, secretIds, pins, config, entrypointOnly, base);
  }

  public AuditInput withCacheCheck(CacheCheck c) {
    return new AuditInput(
        image, dockerfile, context, buildLogs, c, secretIds, pins, config, entrypointOnly, base);
  }

  public AuditInput withSecretIds(List<String> s) {
    return new AuditInput(
        image, dockerfile, context, buildLogs, cacheCheck, s, pins, config, entrypointOnly, base);
  }

  public AuditInput withPins(Map<String, BasePin> p) {
    return new AuditInput(
        image,
        dockerfile,
        context,
        buildLogs,
        cacheCheck,
        secretIds,
        p,
        config,
        entrypointOnly,
        base);
  }

  public AuditInput withConfig(AuditConfig c) {
    return new AuditInput(
        image,
        dockerfile,
        context,
        buildLogs,
        cacheCheck,
        secretIds,
        pins,
        c,
        entrypointOnly,
        base);
  }

  public AuditInput withEntrypointOnly(boolean e) {
    return new AuditInput(
        image, dockerfile, context, buildLogs, cacheCheck, secretIds, pins, config, e, base);
  }

  public AuditInput withBase(BaseImage b) {
    return new AuditInput(
        image,
        dockerfile,
        context,
        buildLogs,
        cacheCheck,
        secretIds,
        pins,
        config,
        entrypointOnly,
        b);
  }
}
