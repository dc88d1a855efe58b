package io.splitcheck.audit;

import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The final filesystem of an image: layers applied bottom-up with whiteouts and opaque directories,
 * and path resolution that follows symlinks inside the image (never on this machine), component by
 * component, as the kernel would for a process whose root is the image.
 */
public final class ImageFs {
  static final int MAX_SYMLINKS = 40;

  /** One visible entry and the layer it came from. */
  public record Node(FileEntry entry, int layer) {}

  private final NavigableMap<String, Node> nodes = new TreeMap<>();

  /**
   * @param layers each layer's entries, bottom-up
   */
  public ImageFs(List<List<FileEntry>> layers) {
    for (int i = 0; i < layers.size(); i++) {
      for (FileEntry e : layers.get(i)) {
        if (e.type() == EntryType.OPAQUE_WHITEOUT) {
          removeBelow(e.path());
        } else if (e.type() == EntryType.WHITEOUT) {
          nodes.remove(e.path());
          removeBelow(e.path());
        }
      }
      for (FileEntry e : layers.get(i)) {
        if (e.type() != EntryType.OPAQUE_WHITEOUT && e.type() != EntryType.WHITEOUT) {
          nodes.put(e.path(), new Node(e, i));
        }
      }
    }
  }

  private void removeBelow(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    nodes.subMap(prefix, true, prefix + Character.MAX_VALUE, false).clear();
  }

  public Optional<Node> node(String path) {
    return Optional.ofNullable(nodes.get(path));
  }

  public Collection<Node> nodes() {
    return nodes.values();
  }

  /** Direct and indirect children of a directory path (not following symlinks). */
  public Collection<Node> under(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    return nodes.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values();
  }

  /**
   * The canonical path {@code path} names, following every symlink (in directories and at the end)
   * and hard link; empty when a component is missing, a loop or too many links.
   */
  public Optional<String> resolve(String path) {
    return resolve(path, true);
  }

  /** Like {@link #resolve(String)} but a symlink at the last component is not followed. */
  public Optional<String> resolveParent(String path) {
    return resolve(path, false);
  }

  private Optional<String> resolve(String path, boolean followLast) {
    int[] budget = {MAX_SYMLINKS};
    return walk("/", path, followLast, budget);
  }

  private Optional<String> walk(String base, String path, boolean followLast, int[] budget) {
    String cur = path.startsWith("/") ? "/" : base;
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        cur = parent(cur);
        continue;
      }
      String next = join(cur, part);
      Node n = nodes.get(next);
      if (n == null) {
        if (!isImplicitDir(next)) {
          return Optional.empty();
        }
        cur = next;
        continue;
      }
      boolean last = isLast(parts, i);
      if (n.entry().type() == EntryType.SYMLINK && (!last || followLast)) {
        if (--budget[0] < 0) {
          return Optional.empty();
        }
        Optional<String> target = walk(cur, n.entry().linkTarget(), true, budget);
        if (target.isEmpty()) {
          return target;
        }
        next = target.get();
      } else if (n.entry().type() == EntryType.HARDLINK && last) {
        next = n.entry().linkTarget();
      }
      cur = next;
    }
    return nodes.containsKey(cur) || cur.equals("/") || isImplicitDir(cur)
        ? Optional.of(cur)
        : Optional.empty();
  }

  /**
   * A directory with no entry of its own but with entries below it (layer tars may omit parents).
   */
  private boolean isImplicitDir(String path) {
    String child = nodes.ceilingKey(path + "/");
    return child != null && child.startsWith(path + "/");
  }

  private static boolean isLast(String[] parts, int i) {
    for (int k = i + 1; k < parts.length; k++) {
      if (!parts[k].isEmpty() && !parts[k].equals(".")) {
        return false;
      }
    }
    return true;
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String join(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
