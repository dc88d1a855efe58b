package io.splitcheck.diff;

import io.splitcheck.model.FileEntry;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads one layer tar (plain or gzip) from a stream positioned at its first byte, to the end of the
 * member, as {@link FileEntry} values: regular files hashed (or handed to a {@link
 * LayerContentVisitor}), sparse files summarised by their map, the tar's own bytes counted and,
 * when asked, hashed to its diffID.
 */
final class LayerTarReader {
  private final String key;
  private final LayerContentVisitor visitor;
  private final boolean hash;
  String lastPath;

  LayerTarReader(String key, LayerContentVisitor visitor, boolean hash) {
    this.key = key;
    this.visitor = visitor;
    this.hash = hash;
  }

  LayerSummary read(InputStream member) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(member, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream raw = buffered;
    MessageDigest diffDigest = ImageArchiveReader.newSha256();
    CountingDigestStream tarBytes =
        new CountingDigestStream(gzip ? new GzipCompressorInputStream(raw, true) : raw, diffDigest);
    tarBytes.on(hash);
    List<FileEntry> entries = new ArrayList<>();
    RawTarNames names = new RawTarNames(tarBytes);
    TarArchiveInputStream tar = new TarArchiveInputStream(names, "UTF-8");
    TarArchiveEntry entry;
    LayerEntryMapper mapper = new LayerEntryMapper();
    while (true) {
      names.arm();
      if ((entry = tar.getNextEntry()) == null) {
        break;
      }
      FileEntry mapped = mapper.map(entries.size(), entry, names.names());
      if (mapped == null) {
        continue;
      }
      lastPath = mapped.path();
      if (mapped.isRegularFile() && entry.isSparse()) {
        mapped = withSparseDigest(mapped, entry);
      } else if (mapped.isRegularFile()) {
        mapped = withContentDigest(mapped, tar);
      }
      entries.add(mapped);
    }
    tarBytes.transferTo(
        OutputStream.nullOutputStream()); // end-of-archive padding counts in the diffID
    String diffId = hash ? "sha256:" + HexFormat.of().formatHex(diffDigest.digest()) : null;
    return new LayerSummary(key, diffId, tarBytes.count, entries);
  }

  /**
   * A sparse file is summarised by its map and sizes, never expanded: a hostile layer can declare a
   * terabyte of holes in a few kilobytes of tar.
   */
  private static FileEntry withSparseDigest(FileEntry mapped, TarArchiveEntry entry)
      throws IOException {
    return sparseDigest(mapped, entry);
  }

  static FileEntry sparseDigest(FileEntry mapped, TarArchiveEntry entry) throws IOException {
    StringBuilder map = new StringBuilder("sparse:").append(entry.getRealSize());
    for (var s : entry.getOrderedSparseHeaders()) {
      map.append(',').append(s.getOffset()).append('+').append(s.getNumbytes());
    }
    return new FileEntry(
        mapped.index(),
        mapped.path(),
        mapped.type(),
        entry.getRealSize(),
        "sparse-" + ImageArchiveReader.sha256(map.toString().getBytes(StandardCharsets.US_ASCII)),
        mapped.mode(),
        mapped.uid(),
        mapped.gid(),
        mapped.mtime(),
        mapped.linkTarget(),
        mapped.xattrs());
  }

  private FileEntry withContentDigest(FileEntry mapped, InputStream content) throws IOException {
    MessageDigest digest = ImageArchiveReader.newSha256();
    DigestInputStream digesting = new DigestInputStream(content, digest);
    visitor.visitFile(key, mapped, new UncloseableInputStream(digesting));
    digesting.transferTo(OutputStream.nullOutputStream());
    return new FileEntry(
        mapped.index(),
        mapped.path(),
        mapped.type(),
        mapped.size(),
        HexFormat.of().formatHex(digest.digest()),
        mapped.mode(),
        mapped.uid(),
        mapped.gid(),
        mapped.mtime(),
        mapped.linkTarget(),
        mapped.xattrs());
  }

  private static final class CountingDigestStream extends DigestInputStream {
    long count;

    CountingDigestStream(InputStream in, MessageDigest digest) {
      super(in, digest);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  private static final class UncloseableInputStream extends FilterInputStream {
    UncloseableInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the layer stream goes on after this entry
    }
  }
}
