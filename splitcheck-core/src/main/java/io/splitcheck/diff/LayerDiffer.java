package io.splitcheck.diff;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the entries of one layer across two builds, path by path: what was added or removed, and
 * for paths in both, which of type, content, link, mode, owner, xattrs, mtime and position differ.
 * Works on entry summaries only, so memory grows with the number of entries, not with bytes.
 */
public final class LayerDiffer {
  /** One differing path in a layer. */
  public record EntryDifference(String path, Set<DiffKind> kinds, String detail) {}

  /**
   * Differences sorted by path. An opaque directory is two facts, the directory and its marker: the
   * marker is compared under {@code DIR/.wh..wh..opq}, the directory (its mtime) under {@code DIR}.
   */
  public List<EntryDifference> diff(List<FileEntry> first, List<FileEntry> second) {
    Map<String, FileEntry> a = byPath(first);
    Map<String, FileEntry> b = byPath(second);
    Set<String> moved = OrderDiff.moved(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
    TreeMap<String, EntryDifference> out = new TreeMap<>();
    for (Map.Entry<String, FileEntry> ka : a.entrySet()) {
      String key = ka.getKey();
      FileEntry ea = ka.getValue();
      FileEntry eb = b.get(key);
      if (eb == null) {
        out.put(
            key,
            new EntryDifference(
                key, EnumSet.of(DiffKind.REMOVED), "only in the first build: " + describe(ea)));
        continue;
      }
      List<String> details = new ArrayList<>();
      EnumSet<DiffKind> kinds = compare(ea, eb, details);
      hardLinkContent(ea, eb, a, b, kinds, details);
      if (moved.contains(key)) {
        kinds.add(DiffKind.ORDER);
        details.add("order: entry " + ea.index() + " -> " + eb.index());
      }
      if (!kinds.isEmpty()) {
        if (ea.type() == EntryType.WHITEOUT && eb.type() == EntryType.WHITEOUT) {
          details.add(0, "deleted in this layer (whiteout) in both builds");
        }
        out.put(key, new EntryDifference(key, kinds, String.join("; ", details)));
      }
    }
    for (Map.Entry<String, FileEntry> kb : b.entrySet()) {
      if (!a.containsKey(kb.getKey())) {
        out.put(
            kb.getKey(),
            new EntryDifference(
                kb.getKey(),
                EnumSet.of(DiffKind.ADDED),
                "only in the second build: " + describe(kb.getValue())));
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * A hard link has no bytes of its own in a tar: its content is its target's. When the target (in
   * the same layer, as a tar requires) differs in content, so does the link.
   */
  private static void hardLinkContent(
      FileEntry ea,
      FileEntry eb,
      Map<String, FileEntry> a,
      Map<String, FileEntry> b,
      EnumSet<DiffKind> kinds,
      List<String> details) {
    if (ea.type() != EntryType.HARDLINK
        || eb.type() != EntryType.HARDLINK
        || kinds.contains(DiffKind.CONTENT)) {
      return;
    }
    FileEntry ta = a.get(ea.linkTarget());
    FileEntry tb = b.get(eb.linkTarget());
    if (ta != null
        && tb != null
        && ta.isRegularFile()
        && tb.isRegularFile()
        && (ta.size() != tb.size() || !Objects.equals(ta.sha256(), tb.sha256()))) {
      kinds.add(DiffKind.CONTENT);
      details.add(
          0,
          "content: hard link to "
              + eb.linkTarget()
              + ", whose content differs: sha256 "
              + shortHash(ta.sha256())
              + " ("
              + ta.size()
              + " bytes) -> "
              + shortHash(tb.sha256())
              + " ("
              + tb.size()
              + " bytes)");
    }
  }

  /**
   * The key an entry is compared under: its path, or for an opaque marker the marker's own path.
   */
  public static String keyOf(FileEntry e) {
    if (e.type() != EntryType.OPAQUE_WHITEOUT) {
      return e.path();
    }
    return (e.path().equals("/") ? "/" : e.path() + "/") + LayerEntryMapper.OPAQUE_MARKER;
  }

  static EnumSet<DiffKind> compare(FileEntry a, FileEntry b, List<String> details) {
    EnumSet<DiffKind> kinds = EnumSet.noneOf(DiffKind.class);
    if (a.type() != b.type()) {
      kinds.add(DiffKind.TYPE);
      details.add("type: " + a.type() + " -> " + b.type());
    } else if (a.size() != b.size() || !Objects.equals(a.sha256(), b.sha256())) {
      kinds.add(DiffKind.CONTENT);
      details.add(
          "content: sha256 "
              + shortHash(a.sha256())
              + " ("
              + a.size()
              + " bytes) -> "
              + shortHash(b.sha256())
              + " ("
              + b.size()
              + " bytes)");
    }
    if (!Objects.equals(a.linkTarget(), b.linkTarget())) {
      kinds.add(DiffKind.LINK);
      details.add("link: " + a.linkTarget() + " -> " + b.linkTarget());
    }
    if (a.type() == b.type() && a.permissions() != b.permissions()) {
      kinds.add(DiffKind.MODE);
      details.add(String.format("mode: %04o -> %04o", a.permissions(), b.permissions()));
    }
    if (a.uid() != b.uid() || a.gid() != b.gid()) {
      kinds.add(DiffKind.OWNER);
      details.add("owner: " + a.uid() + ":" + a.gid() + " -> " + b.uid() + ":" + b.gid());
    }
    if (!a.xattrs().equals(b.xattrs())) {
      kinds.add(DiffKind.XATTRS);
      details.add("xattrs: " + a.xattrs().keySet() + " -> " + b.xattrs().keySet());
    }
    if (!a.mtime().equals(b.mtime())) {
      kinds.add(DiffKind.MTIME);
      details.add("mtime: " + a.mtime() + " -> " + b.mtime());
    }
    return kinds;
  }

  /** Last entry wins when a tar holds a path twice, as when it is extracted. */
  private static Map<String, FileEntry> byPath(List<FileEntry> entries) {
    Map<String, FileEntry> map = new LinkedHashMap<>(Math.max(16, entries.size() * 2));
    Map<String, Integer> seen = new HashMap<>();
    for (FileEntry e : entries) {
      String key = keyOf(e);
      if (seen.put(key, e.index()) != null) {
        map.remove(key);
      }
      map.put(key, e);
    }
    return map;
  }

  private static String describe(FileEntry e) {
    if (e.type() == EntryType.WHITEOUT) {
      return "whiteout: deleted in this layer";
    }
    if (e.type() == EntryType.OPAQUE_WHITEOUT) {
      return "opaque marker: the directory's lower-layer content hidden in this layer";
    }
    return e.type().name().toLowerCase(Locale.ROOT)
        + (e.isRegularFile() ? ", " + e.size() + " bytes" : "")
        + (e.linkTarget() != null ? " -> " + e.linkTarget() : "");
  }

  private static String shortHash(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
  }
}
