package io.splitcheck.suite;

import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.report.ScenarioReport.BaseImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code FROM} images of a Dockerfile and the digest each resolves to now: its repo digest when the
 * engine has one (pulled images), else its image id (images built or imported locally). Stage names,
 * {@code scratch} and references with build arguments are skipped.
 */
public final class BaseImages {
  private BaseImages() {}

  /** The external {@code FROM} references, in order, without duplicates (pure). */
  static List<String> fromReferences(List<String> lines) {
    Set<String> stages = new LinkedHashSet<>();
    Set<String> refs = new LinkedHashSet<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (!line.toUpperCase(Locale.ROOT).startsWith("FROM ")) {
        continue;
      }
      List<String> words = new ArrayList<>();
      for (String w : line.substring(5).strip().split("\\s+")) {
        if (!w.startsWith("--")) {
          words.add(w);
        }
      }
      if (words.isEmpty()) {
        continue;
      }
      String ref = words.get(0);
      if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
        stages.add(words.get(2).toLowerCase(Locale.ROOT));
      }
      if (!ref.equals("scratch") && !ref.contains("$") && !stages.contains(ref.toLowerCase(Locale.ROOT))) {
        refs.add(ref);
      }
    }
    return List.copyOf(refs);
  }

  public static List<BaseImage> resolve(Path dockerfile, ImageStore images) throws EngineException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dockerfile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read Dockerfile '" + dockerfile + "': " + e.getMessage(), e);
    }
    List<BaseImage> out = new ArrayList<>();
    for (String ref : fromReferences(lines)) {
      Optional<ImageStore.ImageInfo> info = images.inspect(ref);
      String digest = info.map(i -> i.repoDigests().isEmpty() ? i.id() : afterAt(i.repoDigests().get(0)))
          .orElse(null);
      out.add(new BaseImage(ref, digest));
    }
    return out;
  }

  private static String afterAt(String repoDigest) {
    int at = repoDigest.indexOf('@');
    return at < 0 ? repoDigest : repoDigest.substring(at + 1);
  }
}
