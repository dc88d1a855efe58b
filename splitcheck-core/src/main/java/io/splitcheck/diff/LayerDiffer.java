package io.splitcheck.diff;

import io.splitcheck.model.FileEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** Differences sorted by path. */
  public List<EntryDifference> diff(List<FileEntry> first, List<FileEntry> second) {
    Map<String, FileEntry> a = byPath(first);
    Map<String, FileEntry> b = byPath(second);
    Set<String> moved = OrderDiff.moved(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
    TreeMap<String, EntryDifference> out = new TreeMap<>();
    for (FileEntry ea : a.values()) {
      FileEntry eb = b.get(ea.path());
      if (eb == null) {
        out.put(ea.path(), new EntryDifference(ea.path(), EnumSet.of(DiffKind.REMOVED),
            "only in the first build: " + describe(ea)));
        continue;
      }
      List<String> details = new ArrayList<>();
      EnumSet<DiffKind> kinds = compare(ea, eb, details);
      if (moved.contains(ea.path())) {
        kinds.add(DiffKind.ORDER);
        details.add("order: entry " + ea.index() + " -> " + eb.index());
      }
      if (!kinds.isEmpty()) {
        out.put(ea.path(), new EntryDifference(ea.path(), kinds, String.join("; ", details)));
      }
    }
    for (FileEntry eb : b.values()) {
      if (!a.containsKey(eb.path())) {
        out.put(eb.path(), new EntryDifference(eb.path(), EnumSet.of(DiffKind.ADDED),
            "only in the second build: " + describe(eb)));
      }
    }
    return List.copyOf(out.values());
  }

  static EnumSet<DiffKind> compare(FileEntry a, FileEntry b, List<String> details) {
    EnumSet<DiffKind> kinds = EnumSet.noneOf(DiffKind.class);
    if (a.type() != b.type()) {
      kinds.add(DiffKind.TYPE);
      details.add("type: " + a.type() + " -> " + b.type());
    } else if (a.size() != b.size() || !Objects.equals(a.sha256(), b.sha256())) {
      kinds.add(DiffKind.CONTENT);
      details.add("content: sha256 " + shortHash(a.sha256()) + " (" + a.size() + " bytes) -> "
          + shortHash(b.sha256()) + " (" + b.size() + " bytes)");
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
      if (seen.put(e.path(), e.index()) != null) {
        map.remove(e.path());
      }
      map.put(e.path(), e);
    }
    return map;
  }

  private static String describe(FileEntry e) {
    return e.type().name().toLowerCase(java.util.Locale.ROOT)
        + (e.isRegularFile() ? ", " + e.size() + " bytes" : "")
        + (e.linkTarget() != null ? " -> " + e.linkTarget() : "");
  }

  private static String shortHash(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
  }
}
