package io.splitcheck.twice;

import io.splitcheck.diff.ImageComparison;
import io.splitcheck.diff.SavedImageFiles;
import io.splitcheck.diff.explain.Explain;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.engine.ImageStore.StoredLayers;
import io.splitcheck.engine.TempFolder;
import io.splitcheck.store.OverlayImages;
import io.splitcheck.store.WalkedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares the two images of a twice: from the engine's overlay2 store where it can be read from
 * here, else through {@code docker save}. The first image can be read ahead ({@link #ahead}) while
 * the second is built, so that after the second build only its own layers are walked.
 */
final class TwiceComparer {
  private final ImageStore images;
  private final boolean readStore;

  TwiceComparer(ImageStore images, boolean readStore) {
    this.images = images;
    this.readStore = readStore;
  }

  /**
   * The first image, found in the store and its layers walked (top first) on a daemon thread from
   * now on; empty when the store is not read or the image is not in it here.
   */
  CompletableFuture<Optional<WalkedImage>> ahead(String firstId) {
    if (!readStore) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return images.storedLayers(firstId).map(s -> WalkedImage.start(fromStore(firstId, s)));
          } catch (EngineException | RuntimeException e) {
            return Optional.<WalkedImage>empty(); // compare() asks again and says what failed
          }
        });
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
    return compare(CompletableFuture.completedFuture(Optional.empty()), firstId, secondId);
  }

  /**
   * @param ahead the first image as {@link #ahead} reads it (empty: found now)
   */
  ImageComparison compare(
      CompletableFuture<Optional<WalkedImage>> ahead, String firstId, String secondId)
      throws EngineException, IOException {
    if (readStore) {
      Optional<WalkedImage> walked = ahead.join();
      Optional<StoredLayers> a =
          walked.isPresent() ? Optional.empty() : images.storedLayers(firstId);
      Optional<StoredLayers> b =
          walked.isEmpty() && a.isEmpty() ? Optional.empty() : images.storedLayers(secondId);
      if (b.isPresent()) {
        try (WalkedImage first =
            walked.orElseGet(() -> WalkedImage.now(fromStore(firstId, a.get())))) {
          OverlayImages.Image second = fromStore(secondId, b.get());
          return Explain.comparison(
              OverlayImages.compare(first, second), OverlayImages.files(first.image(), second));
        } catch (IOException | RuntimeException e) {
          throw new IOException(
              "reading the two images from the engine's overlay2 store failed: "
                  + e.getMessage()
                  + " (twice --via-save compares them through docker save instead)",
              e);
        }
      }
      walked.ifPresent(WalkedImage::close);
    }
    return compareSaved(firstId, secondId);
  }

  /** An image of the engine's store as {@link OverlayImages} reads it. */
  static OverlayImages.Image fromStore(String source, StoredLayers s) {
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
}
