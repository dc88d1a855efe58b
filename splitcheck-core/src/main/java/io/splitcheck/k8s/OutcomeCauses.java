package io.splitcheck.k8s;

import io.splitcheck.seccomp.Culprit;
import java.util.Locale;
import java.util.Optional;

/**
 * Causes that no syscall shows: the OOM kill ({@code memory}) and the kubelet's {@code
 * runAsNonRoot} refusal before the container starts ({@code run-as-non-root}). Their culprit names
 * the event in place of a syscall and carries {@link #NO_ERRNO}.
 */
public final class OutcomeCauses {
  public static final String MEMORY = "memory";
  public static final String RUN_AS_NON_ROOT = "run-as-non-root";

  /** The errno of a culprit that is not a failed call. */
  public static final String NO_ERRNO = "-";

  /** How a cell's start error begins when the kubelet's check refused it. */
  public static final String REFUSED = "refused by the kubelet's runAsNonRoot check: ";

  private OutcomeCauses() {}

  /**
   * @param memoryLimit the cell's limit in bytes, or null
   * @param peakBytes the peak the cgroup recorded, or null when the engine does not say
   */
  public static Optional<Culprit> memory(
      boolean oomKilled, int exitCode, Long memoryLimit, Long peakBytes) {
    if (!oomKilled) {
      return Optional.empty();
    }
    String limit =
        memoryLimit == null
            ? "the memory limit"
            : "the cell's memory limit of " + bytes(memoryLimit);
    String peak =
        peakBytes == null
            ? "; the peak is not recorded (the cgroup is gone at exit)"
            : "; peak "
                + peakBytes
                + " bytes ("
                + String.format(Locale.ROOT, "%.1f", peakBytes / 1048576.0)
                + "Mi) as its cgroup recorded it";
    return Optional.of(
        new Culprit(
            "oom-kill",
            NO_ERRNO,
            MEMORY,
            null,
            "the kernel's OOM killer ended it at "
                + limit
                + " (OOMKilled, exit "
                + exitCode
                + ")"
                + peak));
  }

  /**
   * The culprit of a cell the kubelet's check did not start; {@code startError} begins with {@link
   * #REFUSED}.
   */
  public static Optional<Culprit> runAsNonRoot(String startError) {
    if (startError == null || !startError.startsWith(REFUSED)) {
      return Optional.empty();
    }
    return Optional.of(
        new Culprit(
            "kubelet", NO_ERRNO, RUN_AS_NON_ROOT, null, startError.substring(REFUSED.length())));
  }

  /**
   * The kubelet's verdict (pkg/kubelet/kuberuntime/security_context_others.go, verifyRunAsNonRoot)
   * for a container with runAsNonRoot, or empty when it may start.
   *
   * @param runAsUser the pod's or container's runAsUser, or null
   * @param imageUser the image's USER ({@code ""} is root)
   * @param pod the workload's name, as the kubelet quotes the pod
   * @param container the container's name
   */
  public static Optional<String> kubeletRefusal(
      Long runAsUser, String imageUser, String pod, String container) {
    String where = " (pod: \"" + pod + "\", container: " + container + ")";
    if (runAsUser != null) {
      return runAsUser == 0
          ? Optional.of("container's runAsUser breaks non-root policy" + where)
          : Optional.empty();
    }
    String user = imageUser == null ? "" : imageUser;
    String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    if (uid.isEmpty() || uid.equals("0")) {
      return Optional.of("container has runAsNonRoot and image will run as root" + where);
    }
    if (!uid.matches("[0-9]+")) {
      return Optional.of(
          "container has runAsNonRoot and image has non-numeric user ("
              + uid
              + "), cannot verify user is non-root"
              + where);
    }
    return Optional.empty();
  }

  static String bytes(long b) {
    if (b % (1L << 30) == 0) {
      return (b >> 30) + "Gi";
    }
    return b % (1L << 20) == 0 ? (b >> 20) + "Mi" : b + " bytes";
  }
}
