package io.splitcheck.diff;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Turns a tar header into a {@link FileEntry}: normalises the path (names are data, never used as
 * paths on this machine), recognises overlay whiteouts and keeps PAX xattrs and sub-second mtimes.
 */
final class LayerEntryMapper {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";

  /** Returns null for entries that describe nothing in the filesystem (global PAX headers). */
  FileEntry map(int index, TarArchiveEntry e) {
    if (e.isGlobalPaxHeader()) {
      return null;
    }
    String path = normalisePath(e.getName());
    String base = path.substring(path.lastIndexOf('/') + 1);
    EntryType type = typeOf(e);
    if (base.equals(OPAQUE_MARKER)) {
      type = EntryType.OPAQUE_WHITEOUT;
      path = parentOf(path);
    } else if (base.startsWith(WHITEOUT_PREFIX)) {
      type = EntryType.WHITEOUT;
      path = join(parentOf(path), base.substring(WHITEOUT_PREFIX.length()));
    }
    String link = e.isSymbolicLink() || e.isLink() ? e.getLinkName() : null;
    if (link != null && e.isLink()) {
      link = normalisePath(link);
    }
    return new FileEntry(index, path, type, type == EntryType.FILE ? e.getSize() : 0, null,
        e.getMode(), e.getLongUserId(), e.getLongGroupId(), mtimeOf(e), link, xattrsOf(e));
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
    e.getExtraPaxHeaders().forEach((k, v) -> {
      if (k.startsWith("SCHILY.xattr.")) {
        out.put(k.substring("SCHILY.xattr.".length()), v);
      }
    });
    return out;
  }

  /**
   * {@code ./usr/bin/} and {@code usr//bin} become {@code /usr/bin}; {@code ..} is resolved lexically
   * and cannot climb above the root, so a hostile name stays a name inside the image.
   */
  static String normalisePath(String name) {
    StringBuilder out = new StringBuilder();
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    for (String part : parts) {
      out.append('/').append(part);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }
}
