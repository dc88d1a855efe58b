package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.SavedImageFiles;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.Verdict;
import io.splitcheck.diff.explain.Explain;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.ImageStore.StoredLayers;
import io.splitcheck.engine.Progress;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.store.OverlayImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Build twice, explain every difference. Both builds are exactly the user's request with no cache;
 * the images are tracked by two splitcheck-owned tags (a tag does not change an image id, a label
 * would) and removed afterwards unless kept.
 */
public final class Twice {
  /** The repository name the compared images are tagged under. */
  public static final String TAG_REPOSITORY = "splitcheck-twice";

  private final ImageBuilder builder;
  private final ImageStore images;
  private final String engineVersion;
  private final boolean readStore;
  private final String epochNote;
  private Consumer<String> phases = p -> {};

  /**
   * @param engineVersion the engine's version, for the notes on SOURCE_DATE_EPOCH
   */
  public Twice(ImageBuilder builder, ImageStore images, String engineVersion) {
    this(builder, images, engineVersion, true);
  }

  /**
   * @param readStore false: always compare through {@code docker save}, never the engine's own
   *     store
   */
  public Twice(ImageBuilder builder, ImageStore images, String engineVersion, boolean readStore) {
    this(builder, images, engineVersion, readStore, null);
  }

  /**
   * @param epochNote what SOURCE_DATE_EPOCH does on this engine, or null for Docker's note by
   *     version
   */
  public Twice(
      ImageBuilder builder,
      ImageStore images,
      String engineVersion,
      boolean readStore,
      String epochNote) {
    this.builder = builder;
    this.images = images;
    this.engineVersion = engineVersion;
    this.readStore = readStore;
    this.epochNote = epochNote;
  }

  /**
   * Podman: the notes say what buildah 1.28 does with times ({@code --timestamp}, no
   * SOURCE_DATE_EPOCH).
   */
  public static Twice onPodman(
      ImageBuilder builder,
      ImageStore images,
      String engineVersion,
      boolean readStore,
      OptionalLong timestamp) {
    return new Twice(
        builder,
        images,
        engineVersion,
        readStore,
        SourceDateEpoch.podmanNote(engineVersion, timestamp));
  }

  public static String tag(String runId, String which) {
    return TAG_REPOSITORY + "/" + runId + ":" + which;
  }

  /**
   * Told when each phase ends ({@code built first}, {@code built second}, {@code compared}, {@code
   * removed}).
   */
  public Twice withPhases(Consumer<String> listener) {
    this.phases = listener;
    return this;
  }

  void phase(String name) {
    phases.accept(name);
  }

  ImageBuilder builder() {
    return builder;
  }

  public TwiceResult run(BuildRequest request, String runId, boolean keep)
      throws EngineException, IOException {
    return run(request, runId, "", keep);
  }

  /**
   * @param label distinguishes the tags of several comparisons in one run (a scenario name), or ""
   */
  public TwiceResult run(BuildRequest request, String runId, String label, boolean keep)
      throws EngineException, IOException {
    String prefix = label.isEmpty() ? "" : label + "-";
    List<String> tags = List.of(tag(runId, prefix + "first"), tag(runId, prefix + "second"));
    List<String> built = new ArrayList<>();
    List<String> tagged = new ArrayList<>();
    prepareReader();
    try {
      List<BuildResult> results = new ArrayList<>();
      for (String tag : tags) {
        built.add(tag);
        String which = tag.substring(tag.lastIndexOf(':') + 1);
        Progress.started("build", which);
        try {
          results.add(builder.build(request.withTag(tag)));
        } finally {
          Progress.finished("build", which);
        }
        tagged.add(tag);
        phase("built-" + tag.substring(tag.lastIndexOf(':') + 1));
      }
      Progress.started("compare", "the two images");
      ImageComparison comparison;
      try {
        comparison = compare(results.get(0).imageId(), results.get(1).imageId());
      } finally {
        Progress.finished("compare", "the two images");
      }
      phase("compared");
      return TwiceResult.of(
          request.context().toString(),
          comparison,
          notes(comparison),
          results.stream().map(BuildResult::wall).toList());
    } finally {
      if (!keep) {
        removeTags(built, tagged);
        phase("removed");
      }
    }
  }

  /** While the builds run: the store's reader costs 0.1-0.2 s to load the first time. */
  void prepareReader() {
    if (readStore) {
      CompletableFuture.runAsync(OverlayImages::prepare);
    }
  }

  /**
   * Removes the compared images; when the engine went away meanwhile, says so and what is left on
   * it (gc removes it once the engine answers again), instead of quoting a refused connection.
   */
  void removeTags(List<String> built, List<String> tagged) throws EngineException {
    List<String> left = new ArrayList<>();
    Exception first = null;
    for (String tag : built) {
      try {
        images.remove(tag);
      } catch (EngineException | RuntimeException e) {
        if (tagged.contains(tag)) { // a build that failed may never have tagged its image
          left.add(tag);
        }
        first = first == null ? e : first;
      }
    }
    if (first == null) {
      return;
    }
    String what = left.isEmpty() ? "no image of this run" : String.join(", ", left);
    if (!images.answers()) {
      throw new EngineException(
          "the engine went away during twice ("
              + first.getMessage()
              + "); left on it: "
              + what
              + " (`splitcheck gc` removes what is left once it answers again)",
          first);
    }
    throw new EngineException(
        "removing " + what + " failed: " + first.getMessage() + " (`splitcheck gc` removes it)",
        first);
  }

  /**
   * When the engine's overlay2 store can be read from here, both images are compared from it: only
   * the layers whose diffIDs differ are read, from their directories ({@link OverlayImages}), and
   * nothing is copied out of the engine. Otherwise both images are saved to temporary files at once
   * and compared with random access: layers whose diffIDs are equal are never read, the differing
   * ones are read side by side and equal files are compared byte for byte instead of hashed ({@link
   * SavedImageFiles#compare}). Disk: both images, for the time of the comparison.
   */
  ImageComparison compare(String firstId, String secondId) throws EngineException, IOException {
    if (readStore) {
      Optional<StoredLayers> a = images.storedLayers(firstId);
      Optional<StoredLayers> b = a.isEmpty() ? Optional.empty() : images.storedLayers(secondId);
      if (a.isPresent() && b.isPresent()) {
        try {
          OverlayImages.Image ia = fromStore(firstId, a.get());
          OverlayImages.Image ib = fromStore(secondId, b.get());
          return Explain.comparison(OverlayImages.compare(ia, ib), OverlayImages.files(ia, ib));
        } catch (IOException | RuntimeException e) {
          throw new IOException(
              "reading the two images from the engine's overlay2 store failed: "
                  + e.getMessage()
                  + " (twice --via-save compares them through docker save instead)",
              e);
        }
      }
    }
    return compareSaved(firstId, secondId);
  }

  /** An image of the engine's store as {@link OverlayImages} reads it. */
  public static OverlayImages.Image fromStore(String source, StoredLayers s) {
    return new OverlayImages.Image(source, s.config(), s.layerDirs(), s.repoTags());
  }

  ImageComparison compareSaved(String firstId, String secondId)
      throws EngineException, IOException {
    if (firstId.equals(
        secondId)) { // one image: saved once, read with random access as two would be
      Path only = TempFolder.file("twice-", ".tar");
      try {
        saveTo(firstId, only);
        return SavedImageFiles.compare(only, only);
      } finally {
        Files.deleteIfExists(only);
      }
    }
    Path first = TempFolder.file("twice-", ".tar");
    Path second = TempFolder.file("twice-", ".tar");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> saveTo(firstId, first));
      Future<?> b = pool.submit(() -> saveTo(secondId, second));
      a.get();
      b.get();
      return Explain.comparison(
          SavedImageFiles.compare(first, second), SavedImageFiles.files(first, second));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while saving the two images", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EngineException ee) {
        throw ee;
      } else if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new EngineException("saving the two images failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(first);
      Files.deleteIfExists(second);
    }
  }

  private Void saveTo(String id, Path file) throws EngineException, IOException {
    try (InputStream in = images.save(id)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return null;
  }

  List<String> notes(ImageComparison c) {
    List<String> notes = new ArrayList<>(configNotes(c));
    if (epochNote != null) {
      notes.add(epochNote);
    } else if (!c.reproducible() && !c.configDifferences().isEmpty()) {
      notes.add(SourceDateEpoch.note(engineVersion));
    }
    notes.addAll(c.unexplainedLayers());
    return notes;
  }

  /** What a config-only verdict means: timestamps only, or more. */
  static List<String> configNotes(ImageComparison c) {
    if (c.verdict() == Verdict.CONFIG_ONLY && c.configTimestampsOnly()) {
      return List.of(
          "All layers are equal; the image config differs only in timestamps ("
              + String.join(", ", c.configDifferences())
              + ").");
    } else if (c.verdict() == Verdict.CONFIG_ONLY) {
      return List.of(
          "All layers are equal; the image config differs beyond timestamps: "
              + String.join(", ", c.configDifferences())
              + ".");
    }
    return List.of();
  }
}
