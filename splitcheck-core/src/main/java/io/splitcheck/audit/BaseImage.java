package io.splitcheck.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The image the audited one was built FROM, as the audited image holds it: its name and how many of
 * the image's first layers are its. Findings in those layers are the base image's: they name it
 * instead of a step, no Dockerfile line is looked up for them (a base's {@code RUN apt-get ...}
 * could read like one of the user's steps), and those of {@link #DEMOTED} rules are INFO, which the
 * console groups in one line per rule.
 *
 * @param name the FROM reference, e.g. {@code splitcheck/debian:bookworm}
 * @param layers the base's layer count: layers {@code 0..layers-1} of the image are the base's
 */
public record BaseImage(String name, int layers) {
  /** Rules whose findings in base layers the user's Dockerfile cannot fix: INFO there. */
  static final Set<String> DEMOTED = Set.of("linkage.unused-library", "size.wasted");

  public BaseImage {
    if (name == null || name.isBlank() || layers < 1) {
      throw new IllegalArgumentException(
          "Error parsing base image '" + name + "': expected a name and at least one layer");
    }
  }

  /**
   * The base when its layer diffIDs are the first of the image's (the base as it is now is the one
   * the image was built on); empty when the base has since been rebuilt, or is another image.
   */
  public static Optional<BaseImage> match(
      String name, List<String> baseDiffIds, List<String> imageDiffIds) {
    if (baseDiffIds.isEmpty()
        || baseDiffIds.size() > imageDiffIds.size()
        || !imageDiffIds.subList(0, baseDiffIds.size()).equals(baseDiffIds)) {
      return Optional.empty();
    }
    return Optional.of(new BaseImage(name, baseDiffIds.size()));
  }

  /** An image config's {@code rootfs.diff_ids}, in order. */
  public static List<String> diffIds(JsonNode config) {
    List<String> out = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> out.add(d.asText()));
    return List.copyOf(out);
  }

  /** Whether {@code layer} (an image layer index, null for none) is one of the base's. */
  public boolean holds(Integer layer) {
    return layer != null && layer < layers;
  }

  /**
   * {@code f} attributed to this base when its evidence lies in a base layer: the step dropped, the
   * base named in evidence and message, {@link #DEMOTED} rules at INFO; else {@code f} as it is.
   */
  Finding attribute(Finding f) {
    Evidence e = f.evidence();
    if (!holds(e.layer())) {
      return f;
    }
    Severity s = DEMOTED.contains(f.rule()) ? Severity.INFO : f.severity();
    return new Finding(
        f.rule(),
        s,
        f.message() + " (from the base image " + name + ")",
        e.withStep(null).withBase(name));
  }
}
