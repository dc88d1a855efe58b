package io.splitcheck.scenario;

import io.splitcheck.k8s.PodManifest;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code checks.matrix.pods: [deploy.yaml#app, job.yaml]}: Kubernetes manifests beside the
 * scenario, each a cell as {@code matrix --pod} makes it. Checked when the scenario is read: the
 * form, the file, that it holds a workload, and the named container; each error names the scenario
 * file, the entry and what was expected.
 */
final class PodsField {
  private PodsField() {}

  static List<String> read(Fields m, Path dir) {
    List<String> pods = m.stringList("pods");
    for (int i = 0; i < pods.size(); i++) {
      check(m, dir, i, pods.get(i));
      if (pods.indexOf(pods.get(i)) != i) {
        throw error(
            m,
            i,
            "'" + pods.get(i) + "' is listed twice (first at [" + pods.indexOf(pods.get(i)) + "])");
      }
    }
    return pods;
  }

  private static void check(Fields m, Path dir, int i, String spec) {
    int hash = spec.lastIndexOf('#');
    String file = hash < 0 ? spec : spec.substring(0, hash);
    String container = hash < 0 ? null : spec.substring(hash + 1);
    if (!file.matches("[^/].*\\.ya?ml")
        || file.contains("..")
        || container != null && container.isEmpty()) {
      throw error(
          m,
          i,
          "expected FILE.yaml or FILE.yaml#CONTAINER relative to the scenario directory, got '"
              + spec
              + "'");
    }
    Path manifest = dir.resolve(file);
    if (!Files.isRegularFile(manifest)) {
      throw error(m, i, "no such file '" + file + "' in " + dir);
    }
    try {
      // a named container must exist; without a name the image decides, so only the workload is
      // checked
      PodManifest.read(manifest).container(container, container == null ? "" : null);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw error(m, i, e.getMessage());
    }
  }

  private static IllegalArgumentException error(Fields m, int i, String message) {
    return Fields.error(m.file(), m.raw("pods").line(), m.pathOf("pods") + "[" + i + "]", message);
  }
}
