package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.PodSettings;
import io.splitcheck.k8s.PodContainer;
import io.splitcheck.k8s.PodManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cell from a Kubernetes manifest ({@code --pod FILE.yaml[#CONTAINER]}): what the kubelet and
 * containerd give that container, as far as one engine can reproduce it.
 *
 * @param cell the cell, named after the workload
 * @param warnings what the manifest sets that this cell does not reproduce
 */
public record PodCells(Cell cell, List<String> warnings) {
  public PodCells {
    warnings = List.copyOf(warnings);
  }

  /**
   * @param spec {@code FILE.yaml} or {@code FILE.yaml#container}
   */
  public static PodCells load(String spec, String image) throws IOException {
    int hash = spec.lastIndexOf('#');
    Path file = Path.of(hash < 0 ? spec : spec.substring(0, hash));
    String container = hash < 0 ? null : spec.substring(hash + 1);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--pod " + spec + ": no such file " + file);
    }
    PodContainer c = PodManifest.read(file).container(container, image);
    List<String> warnings = new ArrayList<>();
    c.warnings().forEach(w -> warnings.add("--pod " + file + ": " + w));
    ContainerSecurity s = seccomp(c, file, warnings);
    if (c.dropsAll()) {
      s = s.withDropAllCaps();
    }
    if (c.noNewPrivileges()) {
      s = s.withNoNewPrivileges();
    }
    if (c.readOnlyRoot()) {
      s = s.withReadOnlyRoot(false);
    }
    List<String> capAdd = new ArrayList<>(c.capAdd());
    if (c.privileged()) {
      capAdd = List.of("ALL");
      s = s.withSeccomp(ContainerSecurity.Seccomp.UNCONFINED, null);
      warnings.add(
          "--pod "
              + file
              + ": privileged: true runs with all capabilities and no seccomp, "
              + "but not with the host's devices (splitcheck never starts a privileged container)");
    }
    String user =
        c.runAsUser() == null
            ? null
            : c.runAsUser() + (c.runAsGroup() == null ? "" : ":" + c.runAsGroup());
    if (user == null && c.runAsGroup() != null) {
      warnings.add(
          "--pod "
              + file
              + ": runAsGroup without runAsUser is applied only with the image's "
              + "numeric USER");
    }
    PodSettings pod =
        new PodSettings(
            user,
            null,
            c.runAsNonRoot(),
            c.supplementalGroups().stream().map(String::valueOf).toList(),
            capAdd,
            c.capDrop().stream().filter(x -> !x.equalsIgnoreCase("ALL")).toList(),
            new PodSettings.Limits(c.memoryLimitBytes(), null, c.nanoCpus()),
            Map.of(),
            c.emptyDirs(),
            c.env(),
            c.workingDir(),
            c.command(),
            c.args());
    String name = c.cellName(container != null);
    return new PodCells(new Cell(name, s.withPod(pod), "pod " + file + "#" + c.name()), warnings);
  }

  /**
   * A pod without a seccompProfile runs Unconfined (the kubelet's seccomp default is off by
   * default).
   */
  private static ContainerSecurity seccomp(PodContainer c, Path file, List<String> warnings)
      throws IOException {
    if (c.seccomp() == null || c.seccomp().equals("Unconfined")) {
      return ContainerSecurity.unconfined();
    }
    if (c.seccomp().equals("RuntimeDefault")) {
      return ContainerSecurity.customProfile(K8sCells.containerdProfile());
    }
    Path profile = resolveLocalhost(file, c.seccompLocalhostProfile());
    if (profile == null) {
      throw new IllegalArgumentException(
          "--pod "
              + file
              + ": seccompProfile Localhost '"
              + c.seccompLocalhostProfile()
              + "': not found beside the manifest nor under "
              + "/var/lib/kubelet/seccomp");
    }
    warnings.add("--pod " + file + ": seccompProfile Localhost read from " + profile);
    return ContainerSecurity.customProfile(Files.readString(profile, StandardCharsets.UTF_8));
  }

  private static Path resolveLocalhost(Path manifest, String relative) {
    if (relative == null) {
      return null;
    }
    Path dir = manifest.toAbsolutePath().getParent();
    for (Path p :
        List.of(dir.resolve(relative), Path.of("/var/lib/kubelet/seccomp").resolve(relative))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }
}
