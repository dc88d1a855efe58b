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
 */
public record ContainerSpec(String image, List<String> entrypoint, List<String> cmd,
                            ContainerSecurity security, List<VolumeMount> volumes,
                            Map<String, String> labels, Duration timeout, int outputCap,
                            String readBack) {
  public ContainerSpec {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    volumes = List.copyOf(volumes);
    labels = Map.copyOf(labels);
  }

  /** A named volume mounted at {@code path}. */
  public record VolumeMount(String volume, String path, boolean readOnly) {}

  public ContainerSpec withCommand(List<String> newEntrypoint, List<String> newCmd) {
    return new ContainerSpec(image, newEntrypoint, newCmd, security, volumes, labels, timeout,
        outputCap, readBack);
  }

  public ContainerSpec withVolumes(List<VolumeMount> newVolumes, String newReadBack) {
    return new ContainerSpec(image, entrypoint, cmd, security, newVolumes, labels, timeout,
        outputCap, newReadBack);
  }
}
