package io.splitcheck.diff.explain;

import java.util.List;

/**
 * A known cause of irreproducibility, the evidence that matched it, and its fix.
 *
 * @param id stable identifier, e.g. {@code apt-lists}
 * @param paths how many differing paths (or, for {@code config-timestamps}, config fields) this fix
 *     removes
 * @param examples the first few of them, sorted
 */
public record CauseGroup(String id, String title, String fix, int paths, List<String> examples) {
  public CauseGroup {
    examples = examples == null ? List.of() : List.copyOf(examples);
  }
}
