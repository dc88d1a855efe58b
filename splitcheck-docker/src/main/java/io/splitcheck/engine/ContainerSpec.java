package io.splitcheck.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One container to run to completion.
 *
 * @param image the local image
 * @param entrypoint replaces the image's entrypoint; null keeps it
 * @param cmd replaces the image's cmd; null keeps it
 * @param security the cell's security settings
 * @param volumes named volumes to mount
 * @param labels labels the container carries (at least {@link Labels#RUN})
 * @param timeout killed when still running after this long
 * @param outputCap bytes of stdout and of stderr kept
 * @param readBack a file inside the container copied out after exit, or null
 * @param ptraceSidecarOf when not null, the container joins this container's PID namespace with
 *     CAP_SYS_PTRACE added (attach mode) and is stopped with SIGINT, not SIGKILL, at the timeout
 * @param cgroupParent the engine's {@code --cgroup-parent} (the eBPF tracer's per-cell cgroup), or
 *     null for the engine's own
 */
public record ContainerSpec(
    String image,
    List<String> entrypoint,
    List<String> cmd,
    ContainerSecurity security,
    List<VolumeMount> volumes,
    Map<String, String> labels,
    Duration timeout,
    int outputCap,
    String readBack,
    String ptraceSidecarOf,
    String cgroupParent) {
  public ContainerSpec {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    volumes = List.copyOf(volumes);
    labels = Map.copyOf(labels);
  }

  public ContainerSpec(
      String image,
      List<String> entrypoint,
      List<String> cmd,
      ContainerSecurity security,
      List<VolumeMount> volumes,
      Map<String, String> labels,
      Duration timeout,
      int outputCap,
      String readBack,
      String ptraceSidecarOf) {
    this(
        image,
        entrypoint,
        cmd,
        security,
        volumes,
        labels,
        timeout,
        outputCap,
        readBack,
        ptraceSidecarOf,
        null);
  }

  /** The same container under the cgroup parent {@code parent} ({@code /splitcheck-RUN/cell-1}). */
  public ContainerSpec withCgroupParent(String parent) {
    return new ContainerSpec(
        image,
        entrypoint,
        cmd,
        security,
        volumes,
        labels,
        timeout,
        outputCap,
        readBack,
        ptraceSidecarOf,
        parent);
  }

  public ContainerSpec asPtraceSidecarOf(String containerId) {
    return new ContainerSpec(
        image,
        entrypoint,
        cmd,
        security,
        volumes,
        labels,
        timeout,
        outputCap,
        readBack,
        containerId,
        cgroupParent);
  }

  /** A named volume mounted at {@code path}. */
  public record VolumeMount(String volume, String path, boolean readOnly) {}

  /** A container to run as the matrix runs its cells: killed at the timeout. */
  public static ContainerSpec cell(
      String image,
      List<String> cmd,
      ContainerSecurity security,
      Map<String, String> labels,
      Duration timeout,
      int outputCap) {
    return new ContainerSpec(
        image, null, cmd, security, List.of(), labels, timeout, outputCap, null, null);
  }

  public ContainerSpec withCommand(List<String> newEntrypoint, List<String> newCmd) {
    return new ContainerSpec(
        image,
        newEntrypoint,
        newCmd,
        security,
        volumes,
        labels,
        timeout,
        outputCap,
        readBack,
        ptraceSidecarOf,
        cgroupParent);
  }

  public ContainerSpec withVolumes(List<VolumeMount> newVolumes, String newReadBack) {
    return new ContainerSpec(
        image,
        entrypoint,
        cmd,
        security,
        newVolumes,
        labels,
        timeout,
        outputCap,
        newReadBack,
        ptraceSidecarOf,
        cgroupParent);
  }
}
