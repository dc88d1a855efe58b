package io.splitcheck.engine;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The images the engine holds: the narrow view the differ, the auditor and the matrix need. */
public interface ImageStore {
  /** What the engine knows of one local image. */
  record ImageInfo(
      String id,
      List<String> repoTags,
      List<String> repoDigests,
      List<String> diffIds,
      long size,
      String architecture) {
    public ImageInfo {
      repoTags = List.copyOf(repoTags);
      repoDigests = List.copyOf(repoDigests);
      diffIds = List.copyOf(diffIds);
    }

    /**
     * The digest that pins this image: its first repo digest, else (built or loaded locally) its
     * id.
     */
    public String pinDigest() {
      return repoDigests.isEmpty()
          ? id
          : repoDigests.get(0).substring(repoDigests.get(0).indexOf('@') + 1);
    }

    public boolean hasRepoDigest() {
      return !repoDigests.isEmpty();
    }
  }

  /**
   * Where an engine on this host keeps an image: its config's bytes (their sha256 is its id) and
   * the overlay2 {@code diff} directories of its layers, base first.
   */
  record StoredLayers(String id, byte[] config, List<Path> layerDirs, List<String> repoTags) {
    public StoredLayers {
      layerDirs = List.copyOf(layerDirs);
      repoTags = List.copyOf(repoTags);
    }
  }

  /**
   * The image as the engine stores it, when that store can be read from here (an engine on this
   * host's socket, the overlay2 driver, files this process may read); else empty, and the caller
   * falls back to {@link #save}.
   */
  default Optional<StoredLayers> storedLayers(String imageRef) throws EngineException {
    return Optional.empty();
  }

  /** The local image, or empty when the engine has none by that name. Never pulls. */
  Optional<ImageInfo> inspect(String imageRef) throws EngineException;

  /** {@code docker save} of one local image, streamed; the caller closes the stream. */
  InputStream save(String imageRef) throws EngineException;

  /**
   * {@code docker load} of a {@code docker save} stream, read as it arrives (never pulled). The
   * tags the stream names are set; the caller checks with {@link #inspect} that the image arrived:
   * the engine reports a broken stream in its answer's body, not always in its status.
   */
  void load(InputStream tar) throws EngineException;

  /** Points {@code repoTag} ({@code repo:tag}) at a local image. */
  void tag(String image, String repoTag) throws EngineException;

  /** Removes a local image (by id or tag); absent is not an error. */
  void remove(String imageRef) throws EngineException;

  /** Whether the engine still answers (a ping): after a failed call, says whether it went away. */
  default boolean answers() {
    return true;
  }
}
