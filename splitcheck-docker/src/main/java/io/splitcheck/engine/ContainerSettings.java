package io.splitcheck.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps a {@link ContainerSpec} onto the body of {@code POST /containers/create}. */
final class ContainerSettings {
  private ContainerSettings() {}

  static ObjectNode createBody(ContainerSpec spec) {
    ObjectNode body = base(spec.image(), spec.labels());
    if (spec.entrypoint() != null) {
      strings(body.putArray("Entrypoint"), spec.entrypoint());
    }
    if (spec.cmd() != null) {
      strings(body.putArray("Cmd"), spec.cmd());
    }
    PodHostConfig.applyToBody(body, spec.security().pod());
    ObjectNode host = hostConfig(spec.security());
    limits(host, CellLimits.current());
    if (!spec.volumes().isEmpty()) {
      strings(
          host.putArray("Binds"), spec.volumes().stream().map(ContainerSettings::bind).toList());
    }
    PodHostConfig.applyMounts(host, spec);
    if (spec.cgroupParent() != null) {
      host.put("CgroupParent", spec.cgroupParent());
    }
    if (spec.ptraceSidecarOf() != null) {
      host.put("PidMode", "container:" + spec.ptraceSidecarOf());
      host.putArray("CapAdd").add("SYS_PTRACE");
    }
    body.set("HostConfig", host);
    return body;
  }

  /**
   * A container that never runs its image's program and has no network: for filling a volume, or
   * for letting the engine judge a seccomp profile.
   */
  static ObjectNode helperBody(
      String image, String entrypoint, Map<String, String> labels, ObjectNode hostConfig) {
    ObjectNode body = base(image, labels);
    body.putArray("Entrypoint").add(entrypoint);
    body.putArray("Cmd");
    body.put("NetworkDisabled", true);
    body.set("HostConfig", hostConfig);
    return body;
  }

  private static ObjectNode base(String image, Map<String, String> labels) {
    ObjectNode body = EngineApi.JSON.createObjectNode();
    body.put("Image", image);
    ObjectNode l = body.putObject("Labels");
    new TreeMap<>(labels).forEach(l::put);
    body.put("Tty", false);
    body.put("AttachStdout", false);
    body.put("AttachStderr", false);
    return body;
  }

  /** The host config that realises one cell's security settings; never privileged. */
  static ObjectNode hostConfig(ContainerSecurity s) {
    ObjectNode host = EngineApi.JSON.createObjectNode();
    host.put("Privileged", false);
    ArrayNode securityOpts = EngineApi.JSON.createArrayNode();
    switch (s.seccomp()) {
      case UNCONFINED -> securityOpts.add("seccomp=unconfined");
      case CUSTOM -> securityOpts.add("seccomp=" + s.profileJson());
      case ENGINE_DEFAULT -> {}
    }
    if (s.noNewPrivileges()) {
      securityOpts.add("no-new-privileges");
    }
    if (!securityOpts.isEmpty()) {
      host.set("SecurityOpt", securityOpts);
    }
    if (s.dropAllCaps()) {
      host.putArray("CapDrop").add("ALL");
    }
    if (s.readOnlyRoot()) {
      host.put("ReadonlyRootfs", true);
    }
    if (s.tmpfsTmp()) {
      host.putObject("Tmpfs").put("/tmp", "rw,nosuid,nodev,size=64m");
    }
    if (s.noNetwork()) {
      host.put("NetworkMode", "none");
    }
    PodHostConfig.applyToHost(host, s.pod());
    return host;
  }

  /** The same bounds for every cell, baseline included: a bound alone never makes a split. */
  static void limits(ObjectNode host, CellLimits limits) {
    // a deliberate limit (a pod's resources.limits, --limit) set by the cell's own settings wins
    if (!host.has("PidsLimit")) {
      host.put("PidsLimit", limits.pids());
    }
    if (!host.has("Memory")) {
      host.put("Memory", limits.memoryBytes());
      host.put("MemorySwap", limits.memoryBytes());
    }
  }

  /** {@code volume:/path:ro|rw}, as {@code docker run -v} writes it. */
  static String bind(ContainerSpec.VolumeMount m) {
    return m.volume() + ":" + m.path() + ":" + (m.readOnly() ? "ro" : "rw");
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
