package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerEngine.ImageConfig;
import io.splitcheck.engine.ContainerSpec;
import io.splitcheck.engine.PodSettings;
import io.splitcheck.k8s.OutcomeCauses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a cell's pod settings make of the image: the user it runs as, the kubelet's check, its argv.
 */
final class PodResolution {
  private PodResolution() {}

  /**
   * The cell's spec with the user resolved against the image's USER and a pod's command applied.
   */
  static ContainerSpec apply(ContainerSpec spec, ImageConfig image, List<String> argv) {
    PodSettings pod = spec.security().pod();
    if (pod == PodSettings.NONE || image == null) {
      return spec;
    }
    String user = pod.effectiveUser(image.user());
    ContainerSpec resolved =
        new ContainerSpec(
            spec.image(),
            spec.entrypoint(),
            spec.cmd(),
            spec.security().withPod(pod.withUser(user.isEmpty() ? null : user)),
            spec.volumes(),
            spec.labels(),
            spec.timeout(),
            spec.outputCap(),
            spec.readBack(),
            spec.ptraceSidecarOf());
    return pod.command() != null || pod.args() != null
        ? resolved.withCommand(argv, List.of())
        : resolved;
  }

  /** The kubelet's refusal of a runAsNonRoot cell, prefixed {@link OutcomeCauses#REFUSED}. */
  static Optional<String> refusal(Cell cell, ImageConfig image) {
    PodSettings pod = cell.security().pod();
    if (!pod.runAsNonRoot() || image == null) {
      return Optional.empty();
    }
    Long runAsUser =
        pod.user() != null
            ? uid(pod.user())
            : pod.nonRootFallback() != null && !numericNonRoot(image.user())
                ? Long.valueOf(pod.nonRootFallback())
                : null;
    return OutcomeCauses.kubeletRefusal(runAsUser, image.user(), cell.name(), cell.name())
        .map(m -> OutcomeCauses.REFUSED + m);
  }

  /**
   * A pod's command replaces the entrypoint and its args the cmd (a command alone drops the cmd).
   */
  static List<String> argv(Cell cell, ImageConfig image, List<String> matrixArgv) {
    PodSettings pod = cell.security().pod();
    if (pod.command() == null && pod.args() == null) {
      return matrixArgv;
    }
    List<String> argv = new ArrayList<>(pod.command() != null ? pod.command() : image.entrypoint());
    argv.addAll(pod.args() != null ? pod.args() : pod.command() != null ? List.of() : image.cmd());
    return argv;
  }

  private static Long uid(String user) {
    String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return u.matches("[0-9]+") ? Long.valueOf(u) : null;
  }

  private static boolean numericNonRoot(String imageUser) {
    Long u = imageUser == null ? null : uid(imageUser);
    return u != null && u != 0;
  }
}
