package io.splitcheck.k8s;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container of a Kubernetes workload with the pod's settings merged in (the container's
 * securityContext wins over the pod's, as the kubelet merges them).
 *
 * @param workload {@code Deployment/web}
 * @param name the container's name
 * @param image the container's image
 * @param runAsUser null: the image's USER
 * @param runAsGroup null: the user's primary group
 * @param runAsNonRoot whether the kubelet checks the user
 * @param supplementalGroups fsGroup first (when set), then supplementalGroups
 * @param capAdd capabilities.add, e.g. {@code NET_BIND_SERVICE}
 * @param capDrop capabilities.drop, e.g. {@code ALL}
 * @param privileged securityContext.privileged
 * @param noNewPrivileges allowPrivilegeEscalation: false
 * @param readOnlyRoot readOnlyRootFilesystem
 * @param seccomp {@code RuntimeDefault}, {@code Unconfined}, {@code Localhost} or null when none is
 *     named
 * @param seccompLocalhostProfile the Localhost profile's path (relative to the kubelet's seccomp
 *     root)
 * @param memoryLimitBytes resources.limits.memory
 * @param nanoCpus resources.limits.cpu in billionths of a CPU
 * @param env literal env values
 * @param command replaces the entrypoint, or null
 * @param args replaces the cmd, or null
 * @param workingDir or null
 * @param emptyDirs mountPath to tmpfs options ({@code mode=1777,size=16777216} when sized)
 * @param warnings what this cell cannot reproduce, sorted
 */
public record PodContainer(
    String workload,
    String name,
    String image,
    Long runAsUser,
    Long runAsGroup,
    boolean runAsNonRoot,
    List<Long> supplementalGroups,
    List<String> capAdd,
    List<String> capDrop,
    boolean privileged,
    boolean noNewPrivileges,
    boolean readOnlyRoot,
    String seccomp,
    String seccompLocalhostProfile,
    Long memoryLimitBytes,
    Long nanoCpus,
    Map<String, String> env,
    List<String> command,
    List<String> args,
    String workingDir,
    Map<String, String> emptyDirs,
    List<String> warnings) {
  public PodContainer {
    supplementalGroups = List.copyOf(supplementalGroups);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    env = new TreeMap<>(env);
    command = command == null ? null : List.copyOf(command);
    args = args == null ? null : List.copyOf(args);
    emptyDirs = new TreeMap<>(emptyDirs);
    warnings = warnings.stream().sorted().toList();
  }

  /** Whether capabilities.drop names ALL. */
  public boolean dropsAll() {
    return capDrop.stream().anyMatch(c -> c.equalsIgnoreCase("ALL"));
  }

  /**
   * A cell name from the workload: {@code deployment-web} or {@code deployment-web-app} for a named
   * container.
   */
  public String cellName(boolean withContainer) {
    String base = workload.replace('/', '-').toLowerCase().replaceAll("[^a-z0-9_.-]", "-");
    return withContainer ? base + "-" + name.replaceAll("[^A-Za-z0-9_.-]", "-") : base;
  }
}
