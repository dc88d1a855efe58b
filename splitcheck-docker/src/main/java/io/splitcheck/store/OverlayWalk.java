package io.splitcheck.store;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import io.splitcheck.model.PathNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks an image layer in a local engine's overlay2 {@code diff} directory, as the entries the
 * engine's own layer tar (what {@code docker save} writes) gives: the same order (names sorted
 * bytewise within each directory, a directory before what it holds, no entry for the root), paths,
 * types, modes with their file-type bits, owners, mtimes cut to whole seconds, a second name of an
 * inode as a hard link to the first, overlay whiteouts (0/0 character devices) as {@code .wh.}
 * entries, an opaque directory ({@code trusted.overlay.opaque=y}) followed by its {@code
 * .wh..wh..opq} marker, only {@code security.capability} among the xattrs, sockets left out. {@code
 * OverlayLayerReaderIT} checks every layer of real images against the engine's tar; {@link
 * OverlayLayerReader} digests and compares the files it finds.
 */
final class OverlayWalk {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFBLK = 060000;
  private static final int S_IFDIR = 040000;
  private static final int S_IFCHR = 020000;
  private static final int S_IFIFO = 010000;

  /** One entry and the file it came from (null for an opaque marker). */
  record Item(FileEntry entry, Path file) {}

  private OverlayWalk() {}

  /** Every entry of the layer in the engine's tar order, without content digests. */
  static List<Item> walk(Path diffDir) throws IOException {
    List<Item> out = new ArrayList<>();
    walk(diffDir.toString().getBytes(StandardCharsets.UTF_8), diffDir, "", out, new HashMap<>());
    return out;
  }

  /** A directory entry and its name's bytes. */
  private record Child(Path file, byte[] name) {}

  /**
   * Names are bytes: a directory stream keeps each name's bytes inside its path (whatever {@code
   * sun.jnu.encoding} is), so files are reached by those paths, and the bytes themselves are read
   * back from the path's URI (percent-encoded bytes) when its string form may have lost some.
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
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
   * The file at an image path (escaped as {@link PathNames} escapes) under a layer directory, or
   * null: each component found by its bytes, so names that are not UTF-8 are found too.
   */
  static Path locate(Path diffDir, String path) throws IOException {
    Path at = diffDir;
    for (String part : path.substring(1).split("/")) {
      byte[] want = PathNames.unescape(part);
      Path next = null;
      if (Arrays.equals(want, nameBytes(at.resolve(part)))
          && Files.exists(at.resolve(part), LinkOption.NOFOLLOW_LINKS)) {
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

  private static void walk(
      byte[] dirBytes, Path dir, String dirPath, List<Item> out, Map<Object, String> seen)
      throws IOException {
    for (Child c : list(dir)) {
      Path file = c.file();
      byte[] fileBytes = child(dirBytes, c.name());
      String path = dirPath + "/" + PathNames.escape(c.name());
      Map<String, Object> a =
          Files.readAttributes(
              file,
              "unix:mode,uid,gid,size,lastModifiedTime," + "ino,dev,nlink,rdev",
              LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int format = mode & S_IFMT;
      if (format == S_IFSOCK) {
        continue;
      }
      long uid = ((Integer) a.get("uid")).longValue();
      long gid = ((Integer) a.get("gid")).longValue();
      Instant mtime = seconds((FileTime) a.get("lastModifiedTime"));
      if (format == S_IFCHR && ((Long) a.get("rdev")) == 0L) {
        out.add(
            new Item(
                new FileEntry(
                    out.size(),
                    path,
                    EntryType.WHITEOUT,
                    0,
                    null,
                    0600,
                    uid,
                    gid,
                    mtime,
                    null,
                    Map.of()),
                null));
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
        link =
            target != null
                ? PathNames.escape(target)
                : PathNames.escape(Files.readSymbolicLink(file).toString());
      }
      long size = type == EntryType.FILE ? (Long) a.get("size") : 0;
      out.add(
          new Item(
              new FileEntry(
                  out.size(),
                  path,
                  type,
                  size,
                  null,
                  mode,
                  uid,
                  gid,
                  mtime,
                  link,
                  capability(fileBytes)),
              type == EntryType.FILE ? file : null));
      if (format == S_IFDIR) {
        if (Xattrs.is(fileBytes, "trusted.overlay.opaque", "y")) {
          out.add(
              new Item(
                  new FileEntry(
                      out.size(),
                      path,
                      EntryType.OPAQUE_WHITEOUT,
                      0,
                      null,
                      mode & 0777,
                      uid,
                      gid,
                      Instant.EPOCH,
                      null,
                      Map.of()),
                  null));
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
}
