package io.splitcheck.store;

import io.splitcheck.diff.Futures;
import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.LayerSummary;
import io.splitcheck.diff.PairedLayerReader;
import io.splitcheck.model.FileEntry;
import io.splitcheck.store.OverlayWalk.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads an image layer straight from a local engine's overlay2 {@code diff} directory as the
 * entries the engine's own layer tar gives ({@link OverlayWalk} walks it), with content digests:
 * one layer alone, or the same layer of two builds side by side.
 */
public final class OverlayLayerReader {
  private static final int CHUNK = 1 << 20;

  /** Entries per task when two layers are compared: files are compared on all cores at once. */
  private static final int BLOCK = 64;

  private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private OverlayLayerReader() {}

  /**
   * The same layer of two builds read side by side, as {@link PairedLayerReader} reads two tars:
   * entries at the same position with the same path and size are compared byte for byte and both
   * get the {@link PairedLayerReader#EQUAL} marker when equal; files that differ, or are out of
   * step, are hashed. Both directories are walked at once, and the files compared in blocks on
   * every core.
   */
  public static LayerSummary[] readPair(
      String key, String diffIdA, Path dirA, String diffIdB, Path dirB) throws IOException {
    ExecutorService pool = pool();
    try {
      Future<List<Item>> walkA = pool.submit(() -> OverlayWalk.walk(dirA));
      List<Item> b = OverlayWalk.walk(dirB);
      return compared(
          pool, key, diffIdA, Futures.get(walkA, "walking " + dirA), dirA, diffIdB, b, dirB);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * As {@link #readPair(String, String, Path, String, Path)}, with layer {@code layer} of the first
   * image walked ahead (while the second image was built): only the second directory is walked now.
   */
  static LayerSummary[] readPair(
      String key, String diffIdA, WalkedImage first, int layer, String diffIdB, Path dirB)
      throws IOException {
    ExecutorService pool = pool();
    try {
      Future<List<Item>> walkB = pool.submit(() -> OverlayWalk.walk(dirB));
      List<Item> a = first.layer(layer);
      return compared(
          pool,
          key,
          diffIdA,
          a,
          first.layerDir(layer),
          diffIdB,
          Futures.get(walkB, "walking " + dirB),
          dirB);
    } finally {
      pool.shutdownNow();
    }
  }

  private static ExecutorService pool() {
    return Executors.newFixedThreadPool(
        THREADS,
        r -> {
          Thread t = new Thread(r, "splitcheck-layer-pair");
          t.setDaemon(true);
          return t;
        });
  }

  /** Both walks' entries paired by position, the files compared in blocks on every core. */
  private static LayerSummary[] compared(
      ExecutorService pool,
      String key,
      String diffIdA,
      List<Item> a,
      Path dirA,
      String diffIdB,
      List<Item> b,
      Path dirB)
      throws IOException {
    int n = Math.max(a.size(), b.size());
    FileEntry[] ea = new FileEntry[n];
    FileEntry[] eb = new FileEntry[n];
    List<Future<Void>> blocks = new ArrayList<>();
    for (int from = 0; from < n; from += BLOCK) {
      int start = from;
      int end = Math.min(n, from + BLOCK);
      blocks.add(
          pool.submit(
              () -> {
                byte[] bufA = new byte[CHUNK];
                byte[] bufB = new byte[CHUNK];
                for (int i = start; i < end; i++) {
                  pair(
                      i < a.size() ? a.get(i) : null,
                      i < b.size() ? b.get(i) : null,
                      ea,
                      eb,
                      i,
                      bufA,
                      bufB);
                }
                return null;
              }));
    }
    for (Future<Void> block : blocks) {
      Futures.get(block, "comparing " + dirA + " and " + dirB);
    }
    return new LayerSummary[] {
      new LayerSummary(key, diffIdA, 0, present(ea)), new LayerSummary(key, diffIdB, 0, present(eb))
    };
  }

  /** Entry {@code i} of both sides: byte-compared when in step, else each hashed. */
  private static void pair(
      Item ia, Item ib, FileEntry[] ea, FileEntry[] eb, int i, byte[] bufA, byte[] bufB)
      throws IOException {
    if (ia != null
        && ib != null
        && ia.file() != null
        && ib.file() != null
        && ia.entry().path().equals(ib.entry().path())
        && ia.entry().size() == ib.entry().size()) {
      boolean same = sameBytes(ia.file(), ib.file(), bufA, bufB);
      ea[i] =
          PairedLayerReader.withDigest(
              ia.entry(), same ? PairedLayerReader.EQUAL : sha256(ia.file(), bufA));
      eb[i] =
          PairedLayerReader.withDigest(
              ib.entry(), same ? PairedLayerReader.EQUAL : sha256(ib.file(), bufB));
    } else {
      ea[i] = ia == null ? null : hashed(ia, bufA);
      eb[i] = ib == null ? null : hashed(ib, bufB);
    }
  }

  private static List<FileEntry> present(FileEntry[] entries) {
    List<FileEntry> out = new ArrayList<>(entries.length);
    for (FileEntry e : entries) {
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every entry of one layer, regular files hashed (a layer present in only one of two images). */
  public static LayerSummary read(String key, String diffId, Path dir) throws IOException {
    byte[] buf = new byte[CHUNK];
    List<FileEntry> entries = new ArrayList<>();
    for (Item item : OverlayWalk.walk(dir)) {
      entries.add(hashed(item, buf));
    }
    return new LayerSummary(key, diffId, 0, entries);
  }

  private static FileEntry hashed(Item item, byte[] buf) throws IOException {
    return item.file() == null
        ? item.entry()
        : PairedLayerReader.withDigest(item.entry(), sha256(item.file(), buf));
  }

  static String sha256(Path file, byte[] buf) throws IOException {
    MessageDigest digest = ImageArchiveReader.newSha256();
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static boolean sameBytes(Path a, Path b, byte[] bufA, byte[] bufB) throws IOException {
    try (InputStream ia = Files.newInputStream(a, LinkOption.NOFOLLOW_LINKS);
        InputStream ib = Files.newInputStream(b, LinkOption.NOFOLLOW_LINKS)) {
      while (true) {
        int na = ia.readNBytes(bufA, 0, bufA.length);
        int nb = ib.readNBytes(bufB, 0, bufB.length);
        if (na != nb || !Arrays.equals(bufA, 0, na, bufB, 0, nb)) {
          return false;
        }
        if (na < bufA.length) {
          return true;
        }
      }
    }
  }
}
