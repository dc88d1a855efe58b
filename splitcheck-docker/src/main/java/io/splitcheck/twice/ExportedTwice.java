package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.SavedImageFiles;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildxExporter;
import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Build twice on an engine whose BuildKit can make reproducible images (v0.13+: Docker 26), and compare
 * what can be reproducible: the two builds exported as tarballs with {@code rewrite-timestamp=true}
 * under one SOURCE_DATE_EPOCH ({@link BuildxExporter}). Nothing is loaded into or left in the engine's
 * image store; the tarballs live in {@code workDir} for the time of the comparison.
 */
public final class ExportedTwice {
  /** Where the SOURCE_DATE_EPOCH came from, for the notes. */
  public enum EpochSource { OPTION, GIT_COMMIT, NONE }

  /** The first Docker Engine whose BuildKit (v0.13) applies rewrite-timestamp to exported layers. */
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

  /** @param epoch the SOURCE_DATE_EPOCH both builds get, or empty for none */
  public TwiceResult run(BuildRequest request, OptionalLong epoch, EpochSource source)
      throws EngineException, IOException {
    List<Duration> times = new ArrayList<>();
    List<Path> tars = List.of(workDir.resolve("first.tar"), workDir.resolve("second.tar"));
    try {
      for (Path tar : tars) {
        Path log = workDir.resolve(tar.getFileName().toString().replace(".tar", ".log"));
        times.add(exporter.export(request, epoch, tar, log));
      }
      ImageComparison comparison = SavedImageFiles.compare(tars.get(0), tars.get(1));
      return TwiceResult.of(request.context().toString(), comparison, notes(comparison, epoch, source), times);
    } finally {
      for (Path tar : tars) {
        Files.deleteIfExists(tar);
      }
    }
  }

  static List<String> notes(ImageComparison c, OptionalLong epoch, EpochSource source) {
    List<String> notes = new ArrayList<>(Twice.configNotes(c));
    notes.add(SourceDateEpoch.exportNote(epoch, source));
    notes.add(SourceDateEpoch.DOCKER_EXPORTER);
    notes.addAll(c.unexplainedLayers());
    return notes;
  }
}
