package io.splitcheck.diff;

import io.splitcheck.model.FileEntry;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the same layer of two builds side by side. Entries at the same position with the same path
 * and size are compared byte for byte instead of hashed: equal files get the same {@link #EQUAL}
 * marker on both sides (the differ only compares them with each other), files that differ are
 * listed for {@link #hash} to hash in a second pass (their detail quotes both digests). Entries out
 * of step (another path, size or type at that position) are hashed as they are read. Memory: two
 * buffers and the entry lists, as for {@link ImageArchiveReader}.
 */
public final class PairedLayerReader {
  /** The content marker of a file whose bytes equal those of its counterpart in the other build. */
  public static final String EQUAL = "equal-in-both";

  private static final int CHUNK = 1 << 16;

  /**
   * Both layers' entries; {@code rehashFirst}/{@code rehashSecond}: entry indexes {@link #hash}
   * must digest.
   */
  record Pair(
      LayerSummary first,
      LayerSummary second,
      Set<Integer> rehashFirst,
      Set<Integer> rehashSecond) {}

  private PairedLayerReader() {}

  static Pair read(String keyA, InputStream a, String keyB, InputStream b) throws IOException {
    Side sa = new Side(a);
    Side sb = new Side(b);
    Set<Integer> rehashA = new TreeSet<>();
    Set<Integer> rehashB = new TreeSet<>();
    byte[] bufA = new byte[CHUNK];
    byte[] bufB = new byte[CHUNK];
    while (true) {
      FileEntry fa = sa.next();
      FileEntry fb = sb.next();
      if (fa == null && fb == null) {
        break;
      }
      if (inStep(fa, fb, sa.raw, sb.raw)) {
        if (sameBytes(sa.tar, sb.tar, fa.size(), bufA, bufB)) {
          sa.add(withDigest(fa, EQUAL));
          sb.add(withDigest(fb, EQUAL));
        } else {
          rehashA.add(fa.index());
          rehashB.add(fb.index());
          sa.add(fa);
          sb.add(fb);
        }
      } else {
        sa.addHashed(fa);
        sb.addHashed(fb);
      }
    }
    return new Pair(sa.summary(keyA), sb.summary(keyB), rehashA, rehashB);
  }

  /**
   * The sha256 of the regular files at {@code indexes} (entry positions as {@link #read} numbered
   * them), reading the layer again from its first byte.
   */
  static Map<Integer, String> hash(InputStream layer, Set<Integer> indexes) throws IOException {
    Map<Integer, String> out = new HashMap<>();
    if (indexes.isEmpty()) {
      return out;
    }
    Side side = new Side(layer);
    FileEntry e;
    while (out.size() < indexes.size() && (e = side.next()) != null) {
      if (indexes.contains(e.index())) {
        out.put(e.index(), side.digest());
      }
      side.add(e);
    }
    return out;
  }

  /**
   * The first {@code max} bytes of the regular files at {@code paths}, reading the layer from its
   * first byte.
   */
  public static Map<String, byte[]> contents(InputStream layer, Set<String> paths, int max)
      throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    if (paths.isEmpty()) {
      return out;
    }
    Side side = new Side(layer);
    FileEntry e;
    while (out.size() < paths.size() && (e = side.next()) != null) {
      if (e.isRegularFile() && !side.raw.isSparse() && paths.contains(e.path())) {
        out.put(e.path(), side.tar.readNBytes(max));
      }
    }
    return out;
  }

  /** Replaces the entries at the keys of {@code digests} with their digests. */
  static LayerSummary withDigests(LayerSummary layer, Map<Integer, String> digests) {
    List<FileEntry> entries = new ArrayList<>(layer.entries());
    for (int i = 0; i < entries.size(); i++) {
      String d = digests.get(entries.get(i).index());
      if (d != null) {
        entries.set(i, withDigest(entries.get(i), d));
      }
    }
    return new LayerSummary(layer.key(), layer.diffId(), layer.tarBytes(), entries);
  }

  private static boolean inStep(
      FileEntry fa, FileEntry fb, TarArchiveEntry ra, TarArchiveEntry rb) {
    return fa != null
        && fb != null
        && fa.isRegularFile()
        && fb.isRegularFile()
        && !ra.isSparse()
        && !rb.isSparse()
        && fa.path().equals(fb.path())
        && fa.size() == fb.size();
  }

  /**
   * Reads {@code size} bytes of both; true when they are equal (both are read to the end either
   * way).
   */
  private static boolean sameBytes(
      InputStream a, InputStream b, long size, byte[] bufA, byte[] bufB) throws IOException {
    boolean same = true;
    long left = size;
    while (left > 0) {
      int n = (int) Math.min(CHUNK, left);
      int ra = a.readNBytes(bufA, 0, n);
      int rb = b.readNBytes(bufB, 0, n);
      if (ra != n || rb != n) {
        throw new IOException("layer ended inside an entry (" + left + " bytes short)");
      }
      same = same && Arrays.equals(bufA, 0, n, bufB, 0, n);
      left -= n;
    }
    return same;
  }

  public static FileEntry withDigest(FileEntry e, String digest) {
    return new FileEntry(
        e.index(),
        e.path(),
        e.type(),
        e.size(),
        digest,
        e.mode(),
        e.uid(),
        e.gid(),
        e.mtime(),
        e.linkTarget(),
        e.xattrs());
  }

  /** One layer's stream: the entry it is at, the entries so far, the bytes counted. */
  private static final class Side {
    final CountingStream counted;
    final RawTarNames names;
    final TarArchiveInputStream tar;
    final LayerEntryMapper mapper = new LayerEntryMapper();
    final List<FileEntry> entries = new ArrayList<>();
    TarArchiveEntry raw;

    Side(InputStream layer) throws IOException {
      BufferedInputStream buffered = new BufferedInputStream(layer, CHUNK);
      buffered.mark(2);
      boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
      buffered.reset();
      counted = new CountingStream(gzip ? new GzipCompressorInputStream(buffered, true) : buffered);
      names = new RawTarNames(counted);
      tar = new TarArchiveInputStream(names, "UTF-8");
    }

    /**
     * The next entry that describes something, numbered as {@link ImageArchiveReader} numbers it.
     */
    FileEntry next() throws IOException {
      while (true) {
        if (raw != null && !raw.isSparse()) {
          tar.transferTo(OutputStream.nullOutputStream()); // so only headers are recorded
        }
        names.arm();
        if ((raw = tar.getNextEntry()) == null) {
          return null;
        }
        FileEntry mapped = mapper.map(entries.size(), raw, names.names());
        if (mapped != null) {
          return mapped;
        }
      }
    }

    void add(FileEntry e) {
      entries.add(e);
    }

    /** Adds {@code e} (null: nothing), digested as {@link ImageArchiveReader} would. */
    void addHashed(FileEntry e) throws IOException {
      if (e == null) {
        return;
      }
      if (e.isRegularFile() && raw.isSparse()) {
        // sparse files are summarised from their headers: the single reader does it
        entries.add(LayerTarReader.sparseDigest(e, raw));
      } else {
        entries.add(e.isRegularFile() ? withDigest(e, digest()) : e);
      }
    }

    String digest() throws IOException {
      MessageDigest digest = ImageArchiveReader.newSha256();
      byte[] buf = new byte[CHUNK];
      int n;
      while ((n = tar.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    LayerSummary summary(String key) throws IOException {
      counted.transferTo(OutputStream.nullOutputStream()); // end-of-archive padding
      return new LayerSummary(key, null, counted.count, entries);
    }
  }

  /** Counts what is read (not what is skipped), as {@link ImageArchiveReader} counts a layer. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
