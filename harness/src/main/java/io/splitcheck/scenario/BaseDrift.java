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
}
