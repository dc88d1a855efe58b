package io.splitcheck.seccomp;

import java.util.Set;

/**
 * What a matrix cell restricts.
 *
 * @param profile the seccomp profile in force, null when unconfined
 * @param engineDefaultProfile {@code profile} is the engine's default profile (wording of culprits)
 * @param effectiveCaps capabilities the container keeps ({@code CAP_CHOWN} or {@code chown}; null =
 *     none)
 * @param readOnlyRoot {@code --read-only}
 * @param writablePaths tmpfs mounts that stay writable under a read-only root
 * @param noNetwork {@code --network none}
 */
public record CellRestrictions(
    String cell,
    SeccompProfile profile,
    boolean engineDefaultProfile,
    Set<String> effectiveCaps,
    boolean readOnlyRoot,
    Set<String> writablePaths,
    boolean noNetwork) {

  /** Docker's default capability set (moby oci/caps/defaults.go). */
  public static final Set<String> DOCKER_DEFAULT_CAPS =
      Set.of(
          "CAP_AUDIT_WRITE",
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_MKNOD",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_RAW",
          "CAP_SETFCAP",
          "CAP_SETGID",
          "CAP_SETPCAP",
          "CAP_SETUID",
          "CAP_SYS_CHROOT");

  public CellRestrictions {
    effectiveCaps =
        effectiveCaps == null
            ? Set.of()
            : Set.copyOf(ProfileEvaluator.normalizeCaps(effectiveCaps));
    writablePaths = writablePaths == null ? Set.of() : Set.copyOf(writablePaths);
  }
}
