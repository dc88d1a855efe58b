package io.splitcheck.scenario;

import java.util.List;

/**
 * The base-drift scenario's setup: before the scenario builds, the runner builds every variant
 * directory and points {@code tag} at the variant that follows the one it points to now (the first
 * when it points to none), so two consecutive runs see the same tag resolve to different images.
 *
 * @param tag a local tag, e.g. {@code splitcheck-test/drift-base:bookworm}
 * @param variants directories (relative to the scenario dir) each holding a Dockerfile
 */
public record BaseDrift(String tag, List<String> variants) {
  public BaseDrift {
    variants = List.copyOf(variants);
  }

  /**
   * The variant the tag must point to next: the one after the variant whose image id the tag has
   * now, or the first when the tag is missing or points to none of them.
   *
   * @param currentId the image id the tag resolves to now, or {@code null} when it does not exist
   * @param variantIds image id of each variant, in {@link #variants()} order
   */
  public String next(String currentId, List<String> variantIds) {
    if (variantIds.size() != variants.size()) {
      throw new IllegalArgumentException(
          "Error parsing variant ids '"
              + variantIds
              + "': expected "
              + variants.size()
              + " ids, one per variant "
              + variants);
    }
    int now = currentId == null ? -1 : variantIds.indexOf(currentId);
    return variants.get((now + 1) % variants.size());
  }
}
