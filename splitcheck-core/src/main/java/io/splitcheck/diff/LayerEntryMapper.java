package io.splitcheck.diff;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import io.splitcheck.model.PathNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Turns a tar header into a {@link FileEntry}: normalises the path (names are data, never used as
 * paths on this machine; bytes that are not UTF-8 are kept, escaped as {@link PathNames} says),
 * recognises overlay whiteouts and keeps PAX xattrs and sub-second mtimes.
 */
final class LayerEntryMapper {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";

  /** Returns null for entries that describe nothing in the filesystem (global PAX headers). */
  FileEntry map(int index, TarArchiveEntry e) {
    return map(index, e, null);
  }

  /**
   * @param raw the entry's names as bytes ({@link RawTarNames}), or null: then the names the tar
   *     library decoded are taken (a name that is not UTF-8 is lost there)
   */
  FileEntry map(int index, TarArchiveEntry e, RawTarNames.Names raw) {
    if (e.isGlobalPaxHeader()) {
      return null;
    }
    boolean useRaw = raw != null && agrees(raw.path(), e.getName());
    String path = useRaw ? PathNames.normalise(raw.path()) : normalisePath(e.getName());
    String base = path.substring(path.lastIndexOf('/') + 1);
    EntryType type = typeOf(e);
    if (base.equals(OPAQUE_MARKER)) {
      type = EntryType.OPAQUE_WHITEOUT;
      path = parentOf(path);
    } else if (base.startsWith(WHITEOUT_PREFIX)) {
      type = EntryType.WHITEOUT;
      path = join(parentOf(path), base.substring(WHITEOUT_PREFIX.length()));
    }
    String link = null;
    if (e.isSymbolicLink() || e.isLink()) {
      byte[] linkBytes =
          useRaw && raw.link() != null && agrees(raw.link(), e.getLinkName())
              ? raw.link()
              : e.getLinkName().getBytes(StandardCharsets.UTF_8);
      link = e.isLink() ? PathNames.normalise(linkBytes) : PathNames.escape(linkBytes);
    }
    return new FileEntry(
        index,
        path,
        type,
        type == EntryType.FILE ? e.getSize() : 0,
        null,
        e.getMode(),
        e.getLongUserId(),
        e.getLongGroupId(),
        mtimeOf(e),
        link,
        xattrsOf(e));
  }

  private static EntryType typeOf(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return EntryType.SYMLINK;
    } else if (e.isLink()) {
      return EntryType.HARDLINK;
    } else if (e.isDirectory()) {
      return EntryType.DIRECTORY;
    } else if (e.isCharacterDevice()) {
      return EntryType.CHAR_DEVICE;
    } else if (e.isBlockDevice()) {
      return EntryType.BLOCK_DEVICE;
    } else if (e.isFIFO()) {
      return EntryType.FIFO;
    }
    return EntryType.FILE;
  }

  private static Instant mtimeOf(TarArchiveEntry e) {
    FileTime t = e.getLastModifiedTime();
    return t == null ? Instant.EPOCH : t.toInstant();
  }

  private static Map<String, String> xattrsOf(TarArchiveEntry e) {
    Map<String, String> out = new TreeMap<>();
    e.getExtraPaxHeaders()
        .forEach(
            (k, v) -> {
              if (k.startsWith("SCHILY.xattr.")) {
                out.put(k.substring("SCHILY.xattr.".length()), v);
              }
            });
    return out;
  }

  /**
   * The raw bytes are what the library decoded, but for what it could not decode: their ASCII is
   * the same (the library replaces other bytes with U+FFFD or '?', depending on the header they
   * came from).
   */
  private static boolean agrees(byte[] raw, String decoded) {
    return asciiSkeleton(new String(raw, StandardCharsets.ISO_8859_1))
        .equals(asciiSkeleton(decoded));
  }

  private static String asciiSkeleton(String s) {
    StringBuilder ascii = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80 && c != '?') {
        ascii.append(c);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String part : ascii.toString().split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        out.append('/').append(part);
      }
    }
    return out.toString();
  }

  /**
   * {@code ./usr/bin/} and {@code usr//bin} become {@code /usr/bin}; {@code ..} is resolved
   * lexically and cannot climb above the root, so a hostile name stays a name inside the image.
   */
  static String normalisePath(String name) {
    return PathNames.normalise(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }
}
