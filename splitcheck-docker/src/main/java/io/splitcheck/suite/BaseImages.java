package io.splitcheck.suite;

import io.splitcheck.audit.Dockerfile;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.report.ScenarioReport.BaseImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code FROM} images of a Dockerfile (as the audit's parser reads it: continuations, escape
 * directive, global ARGs) and the digest each resolves to now ({@link
 * ImageStore.ImageInfo#pinDigest}). Stage names, {@code scratch} and references with unresolved
 * build arguments are skipped; a reference the engine does not hold has no digest.
 */
public final class BaseImages {
  private BaseImages() {}

  /** The external {@code FROM} references, in order, without duplicates (pure). */
  static List<String> fromReferences(Dockerfile dockerfile) {
    Set<String> stages = new HashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    for (Dockerfile.Stage stage : dockerfile.stages()) {
      String ref = stage.base();
      if (!ref.isEmpty()
          && !ref.equals("scratch")
          && !ref.contains("$")
          && !stages.contains(ref.toLowerCase(Locale.ROOT))) {
        refs.add(ref);
      }
      if (stage.name() != null) {
        stages.add(stage.name().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(refs);
  }

  public static List<BaseImage> resolve(Path dockerfile, ImageStore images) throws EngineException {
    Dockerfile parsed;
    try {
      parsed = Dockerfile.read(dockerfile);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read Dockerfile '" + dockerfile + "': " + e.getMessage(), e);
    }
    List<BaseImage> out = new ArrayList<>();
    for (String ref : fromReferences(parsed)) {
      out.add(
          new BaseImage(
              ref, images.inspect(ref).map(ImageStore.ImageInfo::pinDigest).orElse(null)));
    }
    return out;
  }
}
