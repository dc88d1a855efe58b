package io.splitcheck.twice;

/**
 * What SOURCE_DATE_EPOCH does on a given engine. BuildKit honours it (image config and history
 * timestamps) from v0.11, shipped with Docker Engine 23.0 and buildx 0.10; file mtimes in layers follow
 * only with the image exporter's {@code rewrite-timestamp=true}, from BuildKit v0.13 (Docker 26).
 */
final class SourceDateEpoch {
  static final int FIRST_ENGINE_MAJOR = 23;

  private SourceDateEpoch() {}

  static String note(String engineVersion) {
    int major = major(engineVersion);
    if (major < FIRST_ENGINE_MAJOR) {
      return "SOURCE_DATE_EPOCH has no effect on this engine's BuildKit (Docker Engine " + engineVersion
          + " embeds BuildKit older than v0.11): config and history timestamps always carry the build "
          + "time. BuildKit v0.11 (Docker Engine 23.0, buildx 0.10) honours SOURCE_DATE_EPOCH for them, and "
          + "v0.13 (Docker 26) can rewrite layer file mtimes too (rewrite-timestamp=true).";
    }
    return "This engine's BuildKit (Docker Engine " + engineVersion + ") honours SOURCE_DATE_EPOCH: pass "
        + "--build-arg SOURCE_DATE_EPOCH=<unix seconds> to fix config and history timestamps (layer "
        + "mtimes need rewrite-timestamp=true, BuildKit v0.13+).";
  }

  static int major(String version) {
    try {
      return Integer.parseInt(version.replaceFirst("^v", "").split("[.+-]", 2)[0]);
    } catch (NumberFormatException | NullPointerException e) {
      return 0;
    }
  }
}
