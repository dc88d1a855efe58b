package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.engine.PodSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The built-in cells of what a pod gets on a Kubernetes node (containerd 1.7, CRI): not in the
 * default set, named with {@code --config}. containerd's default capabilities ({@code oci/spec.go}
 * {@code defaultUnixCaps}) are Docker's fourteen, so {@code k8s-default} keeps the engine's.
 */
public final class K8sCells {
  public static final String K8S_RESTRICTED = "k8s-restricted";
  public static final String K8S_DEFAULT = "k8s-default";
  public static final String OPENSHIFT_RESTRICTED = "openshift-restricted";

  /** What the Pod Security Standards' restricted examples and distroless images use. */
  public static final int NON_ROOT_FALLBACK_UID = 65532;

  /** The first UID of a typical OpenShift project's range (openshift.io/sa.scc.uid-range). */
  public static final String OPENSHIFT_USER = "1000680000:0";

  static final String CONTAINERD_PROFILE = "containerd-1.7.json";

  private static final String ORIGIN = "built-in (Kubernetes)";
  private static final List<Cell> ALL =
      List.of(
          new Cell(K8S_RESTRICTED, restricted(), ORIGIN),
          new Cell(K8S_DEFAULT, ContainerSecurity.unconfined(), ORIGIN),
          new Cell(OPENSHIFT_RESTRICTED, openshift(), ORIGIN));

  private K8sCells() {}

  public static List<Cell> all() {
    return ALL;
  }

  /**
   * RuntimeDefault (containerd's profile), drop ALL, no-new-privileges, runAsNonRoot with a
   * fallback UID.
   */
  static ContainerSecurity restricted() {
    PodSettings pod =
        new PodSettings(
            null,
            NON_ROOT_FALLBACK_UID,
            true,
            List.of(),
            List.of(),
            List.of(),
            PodSettings.Limits.NONE,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            null);
    return ContainerSecurity.customProfile(containerdProfile())
        .withDropAllCaps()
        .withNoNewPrivileges()
        .withPod(pod);
  }

  /**
   * restricted-v2: an arbitrary UID in GID 0 with supplemental group 0, drop ALL, RuntimeDefault.
   */
  static ContainerSecurity openshift() {
    PodSettings pod =
        new PodSettings(
            OPENSHIFT_USER,
            null,
            true,
            List.of("0"),
            List.of(),
            List.of(),
            PodSettings.Limits.NONE,
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            null);
    return ContainerSecurity.customProfile(containerdProfile())
        .withDropAllCaps()
        .withNoNewPrivileges()
        .withPod(pod);
  }

  /** containerd 1.7.24's RuntimeDefault, translated (seccomp-profiles/containerd-1.7.json). */
  public static String containerdProfile() {
    try (InputStream in = K8sCells.class.getResourceAsStream(CONTAINERD_PROFILE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + CONTAINERD_PROFILE + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
