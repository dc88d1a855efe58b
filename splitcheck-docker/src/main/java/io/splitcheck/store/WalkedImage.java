package io.splitcheck.store;

import io.splitcheck.diff.Futures;
import io.splitcheck.store.OverlayWalk.Item;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * An image of the store whose layer directories are walked ahead of need, on one daemon thread, the
 * top layer first (the layers a build made, the ones whose diffIDs differ, are on top): {@code
 * twice} starts it on the first image as soon as it is built, so the walk happens while the second
 * build runs. A layer the comparison needs before the thread reached it is walked by the caller;
 * one the thread is walking is awaited. Layer directories do not change while the image exists.
 */
public final class WalkedImage implements AutoCloseable {
  private static final int FREE = 0;
  private static final int TAKEN = 1;

  private final OverlayImages.Image image;
  private final AtomicIntegerArray state;
  private final List<CompletableFuture<List<Item>>> walks = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private WalkedImage(OverlayImages.Image image) {
    this.image = image;
    this.state = new AtomicIntegerArray(image.layerDirs().size());
    for (int i = 0; i < image.layerDirs().size(); i++) {
      walks.add(new CompletableFuture<>());
    }
  }

  /** Starts walking the image's layers, top first; {@link #close} stops before the next layer. */
  public static WalkedImage start(OverlayImages.Image image) {
    WalkedImage walked = new WalkedImage(image);
    Thread t = new Thread(walked::walkAll, "splitcheck-walk-first-image");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return walked;
  }

  /** Walked by the caller alone (nothing ahead). */
  public static WalkedImage now(OverlayImages.Image image) {
    return new WalkedImage(image);
  }

  public OverlayImages.Image image() {
    return image;
  }

  private void walkAll() {
    OverlayImages.prepare();
    for (int i = image.layerDirs().size() - 1; i >= 0 && !closed.get(); i--) {
      walk(i);
    }
  }

  private void walk(int layer) {
    if (!state.compareAndSet(layer, FREE, TAKEN)) {
      return;
    }
    try {
      walks.get(layer).complete(OverlayWalk.walk(image.layerDirs().get(layer)));
    } catch (IOException | RuntimeException e) {
      walks.get(layer).completeExceptionally(e);
    }
  }

  /** The entries of layer {@code i} in the engine's tar order: walked ahead, awaited, or now. */
  List<Item> layer(int i) throws IOException {
    walk(i);
    return Futures.get(walks.get(i), "walking " + layerDir(i));
  }

  Path layerDir(int i) {
    return image.layerDirs().get(i);
  }

  /** The thread walking ahead stops before its next layer (the caller now walks what it needs). */
  @Override
  public void close() {
    closed.set(true);
  }
}
