package io.splitcheck.twice;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * What SOURCE_DATE_EPOCH does on a given engine. BuildKit honours it (image config and history
 * timestamps) from v0.11, shipped with Docker Engine 23.0 and buildx 0.10; file mtimes in layers
 * follow only with the image exporter's {@code rewrite-timestamp=true}, from BuildKit v0.13 (Docker
 * 26).
 */
final class SourceDateEpoch {
  static final int FIRST_ENGINE_MAJOR = 23;

  private SourceDateEpoch() {}

  static String note(String engineVersion) {
    int major = major(engineVersion);
    if (major < FIRST_ENGINE_MAJOR) {
      return "SOURCE_DATE_EPOCH has no effect on this engine's BuildKit (Docker Engine "
          + engineVersion
          + " embeds BuildKit older than v0.11): config and history timestamps always carry the build "
          + "time. BuildKit v0.11 (Docker Engine 23.0, buildx 0.10) honours SOURCE_DATE_EPOCH for them, and "
          + "v0.13 (Docker 26) can rewrite layer file mtimes too (rewrite-timestamp=true).";
    }
    return "This engine's BuildKit (Docker Engine "
        + engineVersion
        + ") honours SOURCE_DATE_EPOCH: pass "
        + "--build-arg SOURCE_DATE_EPOCH=<unix seconds> to fix config and history timestamps (layer "
        + "mtimes need rewrite-timestamp=true, BuildKit v0.13+).";
  }

  /**
   * Podman 4.3 builds with buildah 1.28: it reads no SOURCE_DATE_EPOCH; {@code --timestamp} pins
   * times.
   */
  static String podmanNote(String engineVersion, OptionalLong timestamp) {
    String common =
        "Podman "
            + engineVersion
            + " builds with buildah (1.28 in Podman 4.3), which reads no "
            + "SOURCE_DATE_EPOCH (neither environment nor build argument). ";
    if (timestamp.isEmpty()) {
      return common
          + "Both builds ran without --timestamp: config and history created times and the "
          + "mtimes of every file the build writes are each build's own time. Pass --source-date-epoch "
          + "SECONDS (or build from a git checkout): twice then builds with podman build --timestamp SECONDS.";
    }
    return common
        + "Both builds ran with podman build --timestamp "
        + timestamp.getAsLong()
        + " ("
        + Instant.ofEpochSecond(timestamp.getAsLong())
        + "): it sets the config's and history's "
        + "created time and the mtime of every file in the layers it writes to that time (set, not clamped as "
        + "BuildKit's rewrite-timestamp does, so files COPY brings lose their own mtimes too).";
  }

  /** Why the image in the engine's store is not what {@link ExportedTwice} compares. */
  static final String DOCKER_EXPORTER =
      "Compared: the two builds exported as OCI-layout tarballs with "
          + "rewrite-timestamp=true. The image buildx loads into the engine's store (--load, the docker "
          + "exporter) is not rewritten: its layer file mtimes are the build's own times, so two such builds "
          + "differ in the mtime of every file a RUN step writes, whatever SOURCE_DATE_EPOCH says.";

  /** What the exported builds' SOURCE_DATE_EPOCH was, and where it came from. */
  static String exportNote(OptionalLong epoch, ExportedTwice.EpochSource source) {
    if (epoch.isEmpty()) {
      return "No SOURCE_DATE_EPOCH (the context has no git commit and --source-date-epoch was not given): "
          + "config and history timestamps, and the rewritten file times, are each build's own time. "
          + "Pass --source-date-epoch SECONDS.";
    }
    String when = Instant.ofEpochSecond(epoch.getAsLong()).toString();
    String from =
        source == ExportedTwice.EpochSource.GIT_COMMIT
            ? "the context's latest git commit"
            : "--source-date-epoch";
    return "Both builds ran with SOURCE_DATE_EPOCH="
        + epoch.getAsLong()
        + " ("
        + when
        + ", "
        + from
        + "): BuildKit pins the config and history timestamps to it, and rewrite-timestamp=true clamps "
        + "every layer file's mtime to it.";
  }

  static int major(String version) {
    try {
      return Integer.parseInt(version.replaceFirst("^v", "").split("[.+-]", 2)[0]);
    } catch (NumberFormatException | NullPointerException e) {
      return 0;
    }
  }
}
