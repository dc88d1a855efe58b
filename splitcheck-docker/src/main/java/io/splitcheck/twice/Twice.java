package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.diff.Verdict;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.BuildResult;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageBuilder;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.ImageStore.StoredLayers;
import io.splitcheck.engine.Progress;
import io.splitcheck.store.OverlayImages;
import io.splitcheck.store.WalkedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
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
  private final TwiceComparer comparer;
  private Consumer<String> phases = p -> {};
  private FirstBuild startedFirst;

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
    this.comparer = new TwiceComparer(images, readStore);
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

  /**
   * The first build of the next {@link #run} was started already ({@link FirstBuild#start}, before
   * the engine connection was open), with the request and tag run will give it.
   */
  public Twice withStartedFirst(FirstBuild first) {
    this.startedFirst = first;
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
    CompletableFuture<Optional<WalkedImage>> ahead = null;
    try {
      List<BuildResult> results = new ArrayList<>();
      for (String tag : tags) {
        built.add(tag);
        String which = tag.substring(tag.lastIndexOf(':') + 1);
        results.add(build(request, tag, which, results.isEmpty() && label.isEmpty()));
        tagged.add(tag);
        phase("built-" + which);
        if (ahead == null) { // the first image read from the store while the second builds
          ahead = comparer.ahead(results.get(0).imageId());
        }
      }
      Progress.started("compare", "the two images");
      ImageComparison comparison;
      try {
        comparison = comparer.compare(ahead, results.get(0).imageId(), results.get(1).imageId());
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
      if (ahead != null) { // a second build that failed: the walk ahead stops
        ahead.thenAccept(w -> w.ifPresent(WalkedImage::close));
      }
      if (!keep) {
        removeTags(built, tagged);
        phase("removed");
      }
    }
  }

  /** One build: the one started ahead when there is one (and this is the first), else now. */
  private BuildResult build(BuildRequest request, String tag, String which, boolean mayBeStarted)
      throws EngineException {
    Progress.started("build", which);
    try {
      if (mayBeStarted && startedFirst != null) {
        FirstBuild started = startedFirst;
        startedFirst = null;
        if (!started.tag().equals(tag)) {
          throw new IllegalStateException(
              "the build started ahead is tagged " + started.tag() + ", not " + tag);
        }
        return started.await();
      }
      return builder.build(request.withTag(tag));
    } finally {
      Progress.finished("build", which);
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
    List<String> perhaps = new ArrayList<>();
    Exception first = null;
    for (String tag : built) {
      try {
        images.remove(tag);
      } catch (EngineException | RuntimeException e) {
        // a build that failed may never have tagged its image, or was cut off after it had
        (tagged.contains(tag) ? left : perhaps).add(tag);
        first = first == null ? e : first;
      }
    }
    if (first == null) {
      return;
    }
    boolean gone = !images.answers();
    String what = left.isEmpty() && (!gone || perhaps.isEmpty()) ? "no image of this run" : "";
    what += String.join(", ", left);
    if (gone && !perhaps.isEmpty()) { // the engine may have tagged it before the build was cut off
      what +=
          (left.isEmpty() ? "" : ", ")
              + String.join(", ", perhaps)
              + " (perhaps: its build was cut off when the engine went away)";
    }
    if (gone) {
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

  ImageComparison compare(String firstId, String secondId) throws EngineException, IOException {
    return comparer.compare(firstId, secondId);
  }

  /** An image of the engine's store as {@link OverlayImages} reads it. */
  public static OverlayImages.Image fromStore(String source, StoredLayers s) {
    return TwiceComparer.fromStore(source, s);
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
