package io.splitcheck.engine;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps a {@link ContainerSpec} onto docker-java's create command and host config. */
final class ContainerSettings {
  private ContainerSettings() {}

  static CreateContainerCmd apply(CreateContainerCmd cmd, ContainerSpec spec) {
    if (spec.entrypoint() != null) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (spec.cmd() != null) {
      cmd.withCmd(spec.cmd());
    }
    HostConfig host = hostConfig(spec.security());
    host.withBinds(spec.volumes().stream().map(ContainerSettings::bind).toArray(Bind[]::new));
    if (spec.ptraceSidecarOf() != null) {
      host.withPidMode("container:" + spec.ptraceSidecarOf()).withCapAdd(Capability.SYS_PTRACE);
    }
    return cmd.withLabels(spec.labels()).withTty(false).withAttachStdout(false)
        .withAttachStderr(false).withHostConfig(host);
  }

  /** The host config that realises one cell's security settings; never privileged. */
  static HostConfig hostConfig(ContainerSecurity s) {
    HostConfig host = HostConfig.newHostConfig().withPrivileged(false);
    List<String> securityOpts = new ArrayList<>();
    switch (s.seccomp()) {
      case UNCONFINED -> securityOpts.add("seccomp=unconfined");
      case CUSTOM -> securityOpts.add("seccomp=" + s.profileJson());
      case ENGINE_DEFAULT -> { }
    }
    if (s.noNewPrivileges()) {
      securityOpts.add("no-new-privileges");
    }
    if (!securityOpts.isEmpty()) {
      host.withSecurityOpts(securityOpts);
    }
    if (s.dropAllCaps()) {
      host.withCapDrop(Capability.ALL);
    }
    if (s.readOnlyRoot()) {
      host.withReadonlyRootfs(true);
    }
    if (s.tmpfsTmp()) {
      host.withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=64m"));
    }
    if (s.noNetwork()) {
      host.withNetworkMode("none");
    }
    return host;
  }

  static Bind bind(ContainerSpec.VolumeMount m) {
    return new Bind(m.volume(), new Volume(m.path()), m.readOnly() ? AccessMode.ro : AccessMode.rw);
  }
}
