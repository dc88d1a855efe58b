package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.SavedImageFiles;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.VariedTwiceResult;
import io.splitcheck.diff.explain.Explain;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildxExporter;
import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Build twice on an engine whose BuildKit can make reproducible images (v0.13+: Docker 26), and
 * compare what can be reproducible: the two builds exported as tarballs with {@code
 * rewrite-timestamp=true} under one SOURCE_DATE_EPOCH ({@link BuildxExporter}). Nothing is loaded
 * into or left in the engine's image store; the tarballs live in {@code workDir} for the time of
 * the comparison.
 */
public final class ExportedTwice {
  /** Where the SOURCE_DATE_EPOCH came from, for the notes. */
  public enum EpochSource {
    OPTION,
    GIT_COMMIT,
    NONE
  }

  /**
   * The first Docker Engine whose BuildKit (v0.13) applies rewrite-timestamp to exported layers.
   */
  static final int FIRST_ENGINE_MAJOR = 26;

  private final BuildxExporter exporter;
  private final Path workDir;

  public ExportedTwice(BuildxExporter exporter, Path workDir) {
    this.exporter = exporter;
    this.workDir = workDir;
  }

  /** The engine (its version, as GET /version reports it) builds reproducibly with buildx. */
  public static boolean supports(String engineVersion) {
    return SourceDateEpoch.major(engineVersion) >= FIRST_ENGINE_MAJOR;
  }

  /**
   * @param epoch the SOURCE_DATE_EPOCH both builds get, or empty for none
   */
  public TwiceResult run(BuildRequest request, OptionalLong epoch, EpochSource source)
      throws EngineException, IOException {
    return run(request, epoch, source, List.of(), Clock.systemUTC()).twice();
  }

  /**
   * The two builds, then one per variation (its SOURCE_DATE_EPOCH moved for {@link
   * Variation#TIME}), each varied tarball compared with the first.
   */
  public VariedTwiceResult run(
      BuildRequest request,
      OptionalLong epoch,
      EpochSource source,
      List<Variation> variations,
      Clock clock)
      throws EngineException, IOException {
    Clock now = Clock.fixed(clock.instant(), ZoneOffset.UTC);
    List<Duration> times = new ArrayList<>();
    List<Path> tars =
        new ArrayList<>(List.of(workDir.resolve("first.tar"), workDir.resolve("second.tar")));
    variations.forEach(v -> tars.add(workDir.resolve("vary-" + v.id() + ".tar")));
    List<String> changes = new ArrayList<>();
    try {
      for (int i = 0; i < tars.size(); i++) {
        Path tar = tars.get(i);
        Path log = workDir.resolve(tar.getFileName().toString().replace(".tar", ".log"));
        BuildRequest r = request;
        OptionalLong e = epoch;
        if (i >= 2) {
          Variation v = variations.get(i - 2);
          if (v == Variation.TIME) {
            e =
                OptionalLong.of(
                    (epoch.isPresent() ? epoch.getAsLong() : now.instant().getEpochSecond())
                        + Variation.SHIFT_SECONDS);
            changes.add(
                "SOURCE_DATE_EPOCH="
                    + e.getAsLong()
                    + (epoch.isPresent()
                        ? " instead of " + epoch.getAsLong()
                        : " (the unvaried builds had none)"));
          } else {
            r = v.apply(request, workDir, now);
            changes.add(v.change(request, now));
          }
        }
        times.add(exporter.export(r, e, tar, log));
      }
      ImageComparison comparison = compare(tars.get(0), tars.get(1));
      TwiceResult control =
          TwiceResult.of(
              request.context().toString(),
              comparison,
              notes(comparison, epoch, source),
              times.subList(0, 2));
      List<VariedTwiceResult.Varied> varied = new ArrayList<>();
      for (int i = 0; i < variations.size(); i++) {
        varied.add(
            new VariedTwiceResult.Varied(
                variations.get(i).id(), changes.get(i), compare(tars.get(0), tars.get(i + 2))));
      }
      return VariedTwiceResult.of(control, varied);
    } finally {
      for (Path tar : tars) {
        Files.deleteIfExists(tar);
      }
    }
  }

  private static ImageComparison compare(Path a, Path b) throws IOException {
    return Explain.comparison(SavedImageFiles.compare(a, b), SavedImageFiles.files(a, b));
  }

  static List<String> notes(ImageComparison c, OptionalLong epoch, EpochSource source) {
    List<String> notes = new ArrayList<>(Twice.configNotes(c));
    notes.add(SourceDateEpoch.exportNote(epoch, source));
    notes.add(SourceDateEpoch.DOCKER_EXPORTER);
    notes.addAll(c.unexplainedLayers());
    return notes;
  }
}
