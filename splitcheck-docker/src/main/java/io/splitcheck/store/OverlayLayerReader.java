package io.splitcheck.store;

import io.splitcheck.diff.PairedLayerReader;
import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.Futures;
import io.splitcheck.diff.LayerSummary;
import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import io.splitcheck.model.PathNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads an image layer straight from a local engine's overlay2 {@code diff} directory, as the entries
 * the engine's own layer tar (what {@code docker save} writes) gives: the same order (names sorted
 * bytewise within each directory, a directory before what it holds, no entry for the root), paths,
 * types, modes with their file-type bits, owners, mtimes cut to whole seconds, a second name of an inode
 * as a hard link to the first, overlay whiteouts (0/0 character devices) as {@code .wh.} entries, an
 * opaque directory ({@code trusted.overlay.opaque=y}) followed by its {@code .wh..wh..opq} marker, only
 * {@code security.capability} among the xattrs, sockets left out. {@code OverlayLayerReaderIT} checks
 * every layer of real images against the engine's tar.
 */
public final class OverlayLayerReader {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 060000;
  private static final int S_IFDIR = 040000;
  private static final int S_IFCHR = 020000;
  private static final int S_IFIFO = 010000;
  private static final int CHUNK = 1 << 20;
  /** Entries per task when two layers are compared: files are compared on all cores at once. */
  private static final int BLOCK = 64;
  private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** One entry and the file it came from (null for an opaque marker). */
  record Item(FileEntry entry, Path file) {}

  private OverlayLayerReader() {}

  /** Every entry of the layer in the engine's tar order, without content digests. */
  static List<Item> walk(Path diffDir) throws IOException {
    List<Item> out = new ArrayList<>();
    walk(diffDir.toString().getBytes(StandardCharsets.UTF_8), diffDir, "", out, new HashMap<>());
    return out;
  }

  /** A directory entry and its name's bytes. */
  private record Child(Path file, byte[] name) {}

  /**
   * Names are bytes: a directory stream keeps each name's bytes inside its path (whatever
   * {@code sun.jnu.encoding} is), so files are reached by those paths, and the bytes themselves are
   * read back from the path's URI (percent-encoded bytes) when its string form may have lost some.
   */
  private static List<Child> list(Path dir) throws IOException {
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path file : stream) {
        children.add(new Child(file, nameBytes(file)));
      }
    } catch (IOException e) {
      throw new IOException("cannot list layer directory " + dir + ": " + e.getMessage(), e);
    }
    children.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
    return children;
  }

  static byte[] nameBytes(Path file) {
    String name = file.getFileName().toString();
    boolean plain = true;
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c >= 0x20 && c < 0x7f && c != '?';
    }
    if (plain) {
      return name.getBytes(StandardCharsets.US_ASCII);
    }
    String raw = file.toUri().getRawPath();
    if (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    raw = raw.substring(raw.lastIndexOf('/') + 1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  /**
   * The file at an image path (escaped as {@link PathNames} escapes) under a layer directory, or null:
   * each component found by its bytes, so names that are not UTF-8 are found too.
   */
  static Path locate(Path diffDir, String path) throws IOException {
    Path at = diffDir;
    for (String part : path.substring(1).split("/")) {
      byte[] want = PathNames.unescape(part);
      Path next = null;
      if (Arrays.equals(want, nameBytes(at.resolve(part))) && Files.exists(at.resolve(part), LinkOption.NOFOLLOW_LINKS)) {
        next = at.resolve(part);
      } else {
        for (Child c : list(at)) {
          if (Arrays.equals(c.name(), want)) {
            next = c.file();
            break;
          }
        }
      }
      if (next == null) {
        return null;
      }
      at = next;
    }
    return at;
  }

  private static byte[] child(byte[] dir, byte[] name) {
    byte[] out = Arrays.copyOf(dir, dir.length + 1 + name.length);
    out[dir.length] = '/';
    System.arraycopy(name, 0, out, dir.length + 1, name.length);
    return out;
  }

  private static void walk(byte[] dirBytes, Path dir, String dirPath, List<Item> out,
      Map<Object, String> seen) throws IOException {
    for (Child c : list(dir)) {
      Path file = c.file();
      byte[] fileBytes = child(dirBytes, c.name());
      String path = dirPath + "/" + PathNames.escape(c.name());
      Map<String, Object> a = Files.readAttributes(file, "unix:mode,uid,gid,size,lastModifiedTime,"
          + "ino,dev,nlink,rdev", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int format = mode & S_IFMT;
      if (format == S_IFSOCK) {
        continue;
      }
      long uid = ((Integer) a.get("uid")).longValue();
      long gid = ((Integer) a.get("gid")).longValue();
      Instant mtime = seconds((FileTime) a.get("lastModifiedTime"));
      if (format == S_IFCHR && ((Long) a.get("rdev")) == 0L) {
        out.add(new Item(new FileEntry(out.size(), path, EntryType.WHITEOUT, 0, null, 0600, uid, gid,
            mtime, null, Map.of()), null));
        continue;
      }
      EntryType type = typeOf(format);
      String link = null;
      if (format != S_IFDIR && ((Integer) a.get("nlink")) > 1) {
        Object inode = List.of(a.get("dev"), a.get("ino"));
        String first = seen.putIfAbsent(inode, path);
        if (first != null) {
          type = EntryType.HARDLINK;
          link = first;
        }
      }
      if (type == EntryType.SYMLINK) {
        byte[] target = Xattrs.readlink(fileBytes);
        link = target != null ? PathNames.escape(target) : PathNames.escape(Files.readSymbolicLink(file).toString());
      }
      long size = type == EntryType.FILE ? (Long) a.get("size") : 0;
      out.add(new Item(new FileEntry(out.size(), path, type, size, null, mode, uid, gid, mtime, link,
          capability(fileBytes)), type == EntryType.FILE ? file : null));
      if (format == S_IFDIR) {
        if (Xattrs.is(fileBytes, "trusted.overlay.opaque", "y")) {
          out.add(new Item(new FileEntry(out.size(), path, EntryType.OPAQUE_WHITEOUT, 0, null,
              mode & 0777, uid, gid, Instant.EPOCH, null, Map.of()), null));
        }
        walk(fileBytes, file, path, out, seen);
      }
    }
  }

  private static EntryType typeOf(int format) {
    return switch (format) {
      case S_IFDIR -> EntryType.DIRECTORY;
      case S_IFLNK -> EntryType.SYMLINK;
      case S_IFCHR -> EntryType.CHAR_DEVICE;
      case S_IFBLK -> EntryType.BLOCK_DEVICE;
      case S_IFIFO -> EntryType.FIFO;
      default -> EntryType.FILE;
    };
  }

  private static Instant seconds(FileTime t) {
    return Instant.ofEpochSecond(t.toInstant().getEpochSecond());
  }

  /** The one xattr the engine's tar keeps, decoded as a tar reader decodes PAX values. */
  private static Map<String, String> capability(byte[] file) {
    byte[] cap = Xattrs.get(file, "security.capability");
    if (cap == null) {
      return Map.of();
    }
    Map<String, String> m = new TreeMap<>();
    m.put("security.capability", new String(cap, StandardCharsets.UTF_8));
    return m;
  }

  /**
   * The same layer of two builds read side by side, as {@link PairedLayerReader} reads two tars: entries
   * at the same position with the same path and size are compared byte for byte and both get the
   * {@link PairedLayerReader#EQUAL} marker when equal; files that differ, or are out of step, are hashed.
   * Both directories are walked at once, and the files compared in blocks on every core.
   */
  public static LayerSummary[] readPair(String key, String diffIdA, Path dirA, String diffIdB, Path dirB)
      throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "splitcheck-layer-pair");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<List<Item>> walkA = pool.submit(() -> walk(dirA));
      List<Item> b = walk(dirB);
      List<Item> a = Futures.get(walkA, "walking " + dirA);
      int n = Math.max(a.size(), b.size());
      FileEntry[] ea = new FileEntry[n];
      FileEntry[] eb = new FileEntry[n];
      List<Future<Void>> blocks = new ArrayList<>();
      for (int from = 0; from < n; from += BLOCK) {
        int start = from;
        int end = Math.min(n, from + BLOCK);
        blocks.add(pool.submit(() -> {
          byte[] bufA = new byte[CHUNK];
          byte[] bufB = new byte[CHUNK];
          for (int i = start; i < end; i++) {
            pair(i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null, ea, eb, i, bufA, bufB);
          }
          return null;
        }));
      }
      for (Future<Void> block : blocks) {
        Futures.get(block, "comparing " + dirA + " and " + dirB);
      }
      return new LayerSummary[] {new LayerSummary(key, diffIdA, 0, present(ea)),
          new LayerSummary(key, diffIdB, 0, present(eb))};
    } finally {
      pool.shutdownNow();
    }
  }

  /** Entry {@code i} of both sides: byte-compared when in step, else each hashed. */
  private static void pair(Item ia, Item ib, FileEntry[] ea, FileEntry[] eb, int i, byte[] bufA,
      byte[] bufB) throws IOException {
    if (ia != null && ib != null && ia.file() != null && ib.file() != null
        && ia.entry().path().equals(ib.entry().path()) && ia.entry().size() == ib.entry().size()) {
      boolean same = sameBytes(ia.file(), ib.file(), bufA, bufB);
      ea[i] = PairedLayerReader.withDigest(ia.entry(), same ? PairedLayerReader.EQUAL : sha256(ia.file(), bufA));
      eb[i] = PairedLayerReader.withDigest(ib.entry(), same ? PairedLayerReader.EQUAL : sha256(ib.file(), bufB));
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
    for (Item item : walk(dir)) {
      entries.add(hashed(item, buf));
    }
    return new LayerSummary(key, diffId, 0, entries);
  }

  private static FileEntry hashed(Item item, byte[] buf) throws IOException {
    return item.file() == null ? item.entry()
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
