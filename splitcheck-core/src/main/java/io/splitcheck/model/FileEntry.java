package io.splitcheck.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of one image layer, as read from the layer tar: everything that can make two layers
 * differ except the bytes themselves, which are summarised by {@link #sha256()}.
 *
 * @param index position of the entry in its layer tar (0-based), for order comparisons
 * @param path absolute path in the image, normalised: {@code /etc/passwd}, {@code /} for the root;
 *     for whiteouts the path of what is deleted (the {@code .wh.} prefix removed)
 * @param sha256 hex sha256 of the content for regular files, {@code null} otherwise
 * @param linkTarget symlink or hard link target as written in the tar, {@code null} otherwise
 * @param xattrs extended attributes (PAX {@code SCHILY.xattr.*}), sorted by name
 */
public record FileEntry(
    int index,
    String path,
    EntryType type,
    long size,
    String sha256,
    int mode,
    long uid,
    long gid,
    Instant mtime,
    String linkTarget,
    Map<String, String> xattrs) {

  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mtime, "mtime");
    xattrs = Collections.unmodifiableMap(new TreeMap<>(xattrs == null ? Map.of() : xattrs));
  }

  public boolean isRegularFile() {
    return type == EntryType.FILE;
  }

  /** Permission and special bits only ({@code 07777}), without the file type bits. */
  public int permissions() {
    return mode & 07777;
  }
}
