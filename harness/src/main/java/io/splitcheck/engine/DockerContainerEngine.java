package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** {@link ContainerEngine} over docker-java. Every call names the API request in its errors. */
public final class DockerContainerEngine implements ContainerEngine {
  private static final String NO_SUCH_ENTRYPOINT = "/.splitcheck-validate/no-such-entrypoint";
  private final DockerClient docker;
  private final String host;

  public DockerContainerEngine(DockerClient docker) {
    this(docker, DockerClients.hostOf(null));
  }

  /** @param host the URL {@code docker} talks to, recorded in {@link #info()} */
  public DockerContainerEngine(DockerClient docker, String host) {
    this.docker = docker;
    this.host = host;
  }

  @Override
  public EngineInfo info() throws EngineException {
    try {
      Info i = docker.infoCmd().exec();
      return EngineInfo.of(host, i.getServerVersion(), i.getSecurityOptions(), i.getNCPU());
    } catch (DockerException e) {
      throw new EngineException("GET /info (" + host + ") failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ImageConfig> image(String ref) throws EngineException {
    try {
      InspectImageResponse r = docker.inspectImageCmd(ref).exec();
      ContainerConfig c = r.getConfig();
      List<String> entrypoint = c == null || c.getEntrypoint() == null ? List.of()
          : Arrays.asList(c.getEntrypoint());
      List<String> cmd = c == null || c.getCmd() == null ? List.of() : Arrays.asList(c.getCmd());
      return Optional.of(new ImageConfig(r.getId(), entrypoint, cmd, r.getArch()));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (DockerException e) {
      throw new EngineException("GET /images/" + ref + "/json failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ContainerInfo> container(String ref) throws EngineException {
    try {
      InspectContainerResponse r = docker.inspectContainerCmd(ref).exec();
      boolean running = Boolean.TRUE.equals(r.getState().getRunning());
      List<Integer> pids = running ? ContainerProcesses.namespacePids(docker, r.getId()) : List.of();
      return Optional.of(new ContainerInfo(r.getId(), r.getImageId(), running, pids));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (DockerException e) {
      throw new EngineException("GET /containers/" + ref + "/json failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void signal(String runId, String role, String signal) throws EngineException {
    try {
      for (var c : docker.listContainersCmd()
          .withLabelFilter(java.util.Map.of(Labels.RUN, runId, Labels.ROLE, role)).exec()) {
        kill(c.getId(), signal);
      }
    } catch (DockerException e) {
      throw new EngineException("GET /containers/json (run " + runId + ") failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) throws EngineException {
    Shutdown.refuseWhenStopping("POST /volumes/create " + name);
    try {
      docker.createVolumeCmd().withName(name).withLabels(labels).exec();
    } catch (DockerException e) {
      throw new EngineException("POST /volumes/create " + name + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void copyIntoVolume(String image, String volume, InputStream tar, Map<String, String> labels)
      throws EngineException {
    String path = "/.splitcheck-fill";
    String id = create(docker.createContainerCmd(image)
        .withEntrypoint(NO_SUCH_ENTRYPOINT).withCmd(List.of())
        .withLabels(labels)
        .withNetworkDisabled(true)
        .withHostConfig(HostConfig.newHostConfig().withBinds(ContainerSettings.bind(
            new ContainerSpec.VolumeMount(volume, path, false)))));
    try {
      docker.copyArchiveToContainerCmd(id).withRemotePath(path).withTarInputStream(tar).exec();
    } catch (DockerException e) {
      throw new EngineException("PUT /containers/" + id + "/archive?path=" + path + " (volume "
          + volume + ") failed: " + e.getMessage(), e);
    } finally {
      removeContainer(id);
    }
  }

  @Override
  public ContainerExit run(ContainerSpec spec) throws EngineException {
    String id = create(ContainerSettings.apply(docker.createContainerCmd(spec.image()), spec));
    try {
      return startAndWait(id, spec);
    } finally {
      removeContainer(id);
    }
  }

  private ContainerExit startAndWait(String id, ContainerSpec spec) throws EngineException {
    long started = System.nanoTime();
    try {
      docker.startContainerCmd(id).exec();
    } catch (DockerException e) {
      long wall = (System.nanoTime() - started) / 1_000_000;
      Long state = inspect(id).getState().getExitCodeLong();
      int code = state == null ? -1 : state.intValue();
      return new ContainerExit(code == 0 ? -1 : code, false, false, wall, CappedOutput.EMPTY,
          CappedOutput.EMPTY, "POST /containers/" + id + "/start: " + DaemonMessages.of(e.getMessage()),
          null);
    }
    boolean timedOut = !awaitExit(id, spec.timeout().toMillis());
    if (timedOut) {
      stop(id, spec.ptraceSidecarOf() != null);
    }
    long wall = (System.nanoTime() - started) / 1_000_000;
    InspectContainerResponse.ContainerState state = inspect(id).getState();
    int exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
    boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
    CappedOutput[] logs = ContainerLogs.read(docker, id, spec.outputCap());
    Path readBack = spec.readBack() == null ? null : copyOut(id, spec.readBack());
    return new ContainerExit(exitCode, timedOut, oom, wall, logs[0], logs[1], null, readBack);
  }

  /** True when the container exited within {@code millis}. */
  private boolean awaitExit(String id, long millis) throws EngineException {
    try (WaitContainerResultCallback cb = docker.waitContainerCmd(id)
        .exec(new WaitContainerResultCallback())) {
      cb.awaitStatusCode(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (DockerClientException e) {
      if (String.valueOf(e.getMessage()).contains("timeout")) {
        return false;
      }
      throw new EngineException("POST /containers/" + id + "/wait failed: " + e.getMessage(), e);
    } catch (IOException e) {
      return true;
    }
  }

  /** SIGKILL; a tracer first gets SIGINT so that it detaches from its tracees and flushes. */
  private void stop(String id, boolean gently) throws EngineException {
    if (gently) {
      kill(id, "INT");
      if (awaitExit(id, 15_000)) {
        return;
      }
    }
    kill(id, "KILL");
    awaitExit(id, 30_000);
  }

  private void kill(String id, String signal) throws EngineException {
    try {
      docker.killContainerCmd(id).withSignal(signal).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (DockerException e) {
      if (!String.valueOf(e.getMessage()).contains("is not running")) {
        throw new EngineException("POST /containers/" + id + "/kill failed: " + e.getMessage(), e);
      }
    }
  }

  private Path copyOut(String id, String path) throws EngineException {
    try (InputStream in = docker.copyArchiveFromContainerCmd(id, path).exec();
         TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null || !entry.isFile()) {
        return null;
      }
      Path out = Files.createTempFile("splitcheck-", ".out");
      Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (NotFoundException e) {
      return null;
    } catch (DockerException | IOException e) {
      throw new EngineException("GET /containers/" + id + "/archive?path=" + path + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> seccompRejection(String image, String profileJson,
      Map<String, String> labels) throws EngineException {
    String id = create(docker.createContainerCmd(image)
        .withEntrypoint(NO_SUCH_ENTRYPOINT).withCmd(List.of())
        .withLabels(labels)
        .withNetworkDisabled(true)
        .withHostConfig(HostConfig.newHostConfig()
            .withSecurityOpts(List.of("seccomp=" + profileJson))));
    try {
      docker.startContainerCmd(id).exec();
      return Optional.empty();
    } catch (DockerException e) {
      String msg = String.valueOf(e.getMessage());
      // loaded: runc got as far as exec, or the filter in force denied one of runc's own calls
      boolean loaded = msg.contains(NO_SUCH_ENTRYPOINT) || msg.contains("operation not permitted");
      return loaded ? Optional.empty() : Optional.of(DaemonMessages.of(msg));
    } finally {
      removeContainer(id);
    }
  }

  @Override
  public boolean answers() {
    return DockerClients.answers(docker);
  }

  @Override
  public void removeRun(String runId) throws EngineException {
    new Janitor(docker).removeRun(runId);
  }

  private String create(CreateContainerCmd cmd) throws EngineException {
    Shutdown.refuseWhenStopping("POST /containers/create (image " + cmd.getImage() + ")");
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      throw new EngineException("POST /containers/create (image " + cmd.getImage() + "): no such "
          + "image locally (splitcheck never pulls)", e);
    } catch (DockerException e) {
      throw new EngineException("POST /containers/create (image " + cmd.getImage() + ") failed: "
          + e.getMessage(), e);
    }
  }

  private InspectContainerResponse inspect(String id) throws EngineException {
    try {
      return docker.inspectContainerCmd(id).exec();
    } catch (DockerException e) {
      throw new EngineException("GET /containers/" + id + "/json failed: " + e.getMessage(), e);
    }
  }

  private void removeContainer(String id) throws EngineException {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException e) {
      // gone already
    } catch (DockerException e) {
      throw new EngineException("DELETE /containers/" + id + " failed: " + e.getMessage(), e);
    }
  }
}
