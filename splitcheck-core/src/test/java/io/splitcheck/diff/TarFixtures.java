package io.splitcheck.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds layer tars and {@code docker save} archives in memory for tests. */
final class TarFixtures {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** One tar entry to write. */
  record Item(
      String name,
      byte type,
      String content,
      int mode,
      int uid,
      int gid,
      Instant mtime,
      String link,
      Map<String, String> xattrs) {
    static Item file(String name, String content) {
      return new Item(name, TarArchiveEntry.LF_NORMAL, content, 0644, 0, 0, T0, null, Map.of());
    }

    static Item dir(String name) {
      return new Item(name, TarArchiveEntry.LF_DIR, null, 0755, 0, 0, T0, null, Map.of());
    }

    static Item symlink(String name, String target) {
      return new Item(name, TarArchiveEntry.LF_SYMLINK, null, 0777, 0, 0, T0, target, Map.of());
    }

    Item withMode(int m) {
      return new Item(name, type, content, m, uid, gid, mtime, link, xattrs);
    }

    Item withOwner(int u, int g) {
      return new Item(name, type, content, mode, u, g, mtime, link, xattrs);
    }

    Item withMtime(Instant t) {
      return new Item(name, type, content, mode, uid, gid, t, link, xattrs);
    }

    Item withContent(String c) {
      return new Item(name, type, c, mode, uid, gid, mtime, link, xattrs);
    }

    Item withXattr(String k, String v) {
      return new Item(name, type, content, mode, uid, gid, mtime, link, Map.of(k, v));
    }
  }

  private TarFixtures() {}

  static byte[] layer(List<Item> items) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Item i : items) {
          TarArchiveEntry e =
              i.link() != null
                  ? new TarArchiveEntry(i.name(), i.type())
                  : new TarArchiveEntry(i.name(), i.type());
          if (i.link() != null) {
            e.setLinkName(i.link());
          }
          byte[] data =
              i.content() == null ? new byte[0] : i.content().getBytes(StandardCharsets.UTF_8);
          e.setSize(data.length);
          e.setMode(i.mode() | modeType(i.type()));
          e.setUserId(i.uid());
          e.setGroupId(i.gid());
          e.setLastModifiedTime(FileTime.from(i.mtime()));
          i.xattrs().forEach((k, v) -> e.addPaxHeader("SCHILY.xattr." + k, v));
          tar.putArchiveEntry(e);
          tar.write(data);
          tar.closeArchiveEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int modeType(byte type) {
    return switch (type) {
      case TarArchiveEntry.LF_DIR -> 040000;
      case TarArchiveEntry.LF_SYMLINK -> 0120000;
      default -> 0100000;
    };
  }

  /**
   * A classic {@code docker save} archive: layer dirs first, then the config, then manifest.json.
   */
  static byte[] savedImage(String created, List<String> steps, List<byte[]> layers) {
    try {
      List<String> diffIds = new ArrayList<>();
      for (byte[] l : layers) {
        diffIds.add("sha256:" + sha256(l));
      }
      StringBuilder history = new StringBuilder();
      for (int i = 0; i < steps.size(); i++) {
        history
            .append(i == 0 ? "" : ",")
            .append("{\"created\":\"")
            .append(created)
            .append("\",\"created_by\":\"")
            .append(steps.get(i))
            .append("\"}");
      }
      String config =
          "{\"architecture\":\"amd64\",\"created\":\""
              + created
              + "\",\"history\":["
              + history
              + "],\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
              + String.join("\",\"", diffIds)
              + "\"]}}";
      byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
      String configName = sha256(configBytes) + ".json";
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      List<String> layerNames = new ArrayList<>();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
        for (int i = 0; i < layers.size(); i++) {
          String name = "layer" + i + "/layer.tar";
          layerNames.add(name);
          put(tar, name, layers.get(i));
        }
        put(tar, configName, configBytes);
        String manifest =
            "[{\"Config\":\""
                + configName
                + "\",\"RepoTags\":[\"t:1\"],\"Layers\":[\""
                + String.join("\",\"", layerNames)
                + "\"]}]";
        put(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
