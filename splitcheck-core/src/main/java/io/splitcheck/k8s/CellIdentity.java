package io.splitcheck.k8s;

import java.util.List;
import java.util.Set;

/**
 * Who a cell's process is and what bounds it, in the terms the Kubernetes causes reason with.
 *
 * @param uid the uid it runs as; -1 when not numeric (not known)
 * @param gids its primary group, then the supplementary ones
 * @param boundingCaps the capabilities its bounding set keeps ({@code CAP_NET_RAW})
 * @param pidsLimit the pids cgroup's limit, or null
 * @param memoryLimit the memory limit in bytes, or null
 */
public record CellIdentity(
    long uid, List<Long> gids, Set<String> boundingCaps, Long pidsLimit, Long memoryLimit) {
  public CellIdentity {
    gids = List.copyOf(gids);
    boundingCaps = Set.copyOf(boundingCaps);
  }

  /** {@code 65532:65532}, {@code 1000680000:0 (groups 0)}. */
  public String describe() {
    String primary = uid + ":" + (gids.isEmpty() ? "?" : gids.get(0));
    return gids.size() > 1 ? primary + " (groups " + gids.subList(1, gids.size()) + ")" : primary;
  }
}
