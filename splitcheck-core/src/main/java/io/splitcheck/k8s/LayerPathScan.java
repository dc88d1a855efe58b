package io.splitcheck.k8s;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one layer says of some paths, from its tar entries one by one (a path's entry; a {@code
 * .wh.NAME} whiteout of it or of a parent; a parent's {@code .wh..wh..opq} opaque marker). The
 * layer's own entry for the path wins over a whiteout or an opaque parent in the same layer, as it
 * does when the engine applies the layer.
 */
public final class LayerPathScan {
  private final Map<String, LayerEntry> found = new LinkedHashMap<>();
  private final Map<String, List<String>> ancestors = new LinkedHashMap<>();

  /**
   * @param paths absolute paths ({@code /var/cache/app})
   */
  public LayerPathScan(Collection<String> paths) {
    for (String p : paths) {
      ancestors.put(p, CauseRules.ancestors(p));
      found.put(p, LayerEntry.ABSENT);
    }
  }

  /** One tar entry: {@code name} as the tar holds it ({@code var/cache/app/}, {@code ./etc/x}). */
  public void accept(String name, long uid, long gid, int mode) {
    String n = "/" + strip(name);
    if (n.length() > 1 && n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    int slash = n.lastIndexOf('/');
    String base = n.substring(slash + 1);
    String dir = slash == 0 ? "" : n.substring(0, slash);
    for (Map.Entry<String, List<String>> want : ancestors.entrySet()) {
      String path = want.getKey();
      if (n.equals(path)) {
        found.put(path, LayerEntry.present(uid, gid, mode));
      } else if (found.get(path).kind() != LayerEntry.Kind.PRESENT
          && hides(base, dir, path, want.getValue())) {
        found.put(path, LayerEntry.REMOVED);
      }
    }
  }

  private static boolean hides(String base, String dir, String path, List<String> chain) {
    if (base.equals(".wh..wh..opq")) {
      return !dir.isEmpty() && !dir.equals(path) && chain.contains(dir);
    }
    return base.startsWith(".wh.") && chain.contains(dir + "/" + base.substring(4));
  }

  private static String strip(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    return n;
  }

  /** What the layer says of {@code path}. */
  public LayerEntry entry(String path) {
    LayerEntry e = found.get(path);
    if (e == null) {
      throw new IllegalArgumentException("path '" + path + "' was not asked of this layer");
    }
    return e;
  }

  public List<String> paths() {
    return new ArrayList<>(found.keySet());
  }
}
