package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.splitcheck.k8s.ImageFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link ContainerEngine} over docker-java: its typed commands, and its transport with JSON trees
 * ({@link EngineApi}) for the calls made for every cell. Every call names the API request in its
 * errors.
 */
public final class DockerContainerEngine implements ContainerEngine {
  private static final String NO_SUCH_ENTRYPOINT = "/.splitcheck-validate/no-such-entrypoint";
  private final DockerClient docker;
  private final EngineApi api;
  private final String host;
  private final ContainerCalls calls;

  /** Whether memory peaks are read (asked of the engine once). */
  private volatile Boolean peaks;

  public DockerContainerEngine(DockerClient docker) {
    this(docker, DockerClients.hostOf(null));
  }

  /**
   * @param host the URL {@code docker} talks to, recorded in {@link #info()}
   */
  public DockerContainerEngine(DockerClient docker, String host) {
    this.docker = docker;
    this.api = EngineApi.of(docker);
    this.host = host;
    this.calls = new ContainerCalls(docker, api);
  }

  /** The engine's kind and runtime ({@code GET /version}, {@code GET /info}). */
  public EngineFacts facts() throws EngineException {
    return EngineFacts.of(api.get("/version"), api.get("/info"));
  }

  /**
   * From now on sends a custom seccomp profile as a file in {@code dir} (named by its content's
   * sha256), as Podman's Docker API requires: it takes {@code seccomp=} only as a path on its host.
   */
  public void sendProfilesAsFiles(Path dir) {
    calls.sendProfilesAsFiles(dir);
  }

  @Override
  public EngineInfo info() throws EngineException {
    JsonNode i;
    try {
      i = api.get("/info");
    } catch (EngineException e) {
      throw new EngineException(e.getMessage() + " (engine " + host + ")", e);
    }
    List<String> securityOptions = new ArrayList<>();
    i.path("SecurityOptions").forEach(o -> securityOptions.add(o.asText()));
    String identity =
        text(i, "ID") == null
            ? null
            : "ID "
                + text(i, "ID")
                + ", name "
                + text(i, "Name")
                + ", root dir "
                + text(i, "DockerRootDir");
    return EngineInfo.of(
        host,
        text(i, "ServerVersion"),
        securityOptions,
        i.hasNonNull("NCPU") ? i.get("NCPU").asInt() : null,
        identity);
  }

  @Override
  public Optional<ImageConfig> image(String ref) throws EngineException {
    JsonNode r;
    try {
      r = api.get("/images/" + ref + "/json");
    } catch (EngineApi.Status e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
    JsonNode c = r.path("Config");
    return Optional.of(
        new ImageConfig(
            text(r, "Id"),
            strings(c.path("Entrypoint")),
            strings(c.path("Cmd")),
            text(r, "Architecture"),
            text(c, "User")));
  }

  @Override
  public Optional<Long> hostPid(String ref) throws EngineException {
    try {
      Long pid = docker.inspectContainerCmd(ref).exec().getState().getPidLong();
      return pid == null || pid <= 0 ? Optional.empty() : Optional.of(pid);
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (DockerException e) {
      throw new EngineException("GET /containers/" + ref + "/json failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ContainerInfo> container(String ref) throws EngineException {
    try {
      InspectContainerResponse r = docker.inspectContainerCmd(ref).exec();
      boolean running = Boolean.TRUE.equals(r.getState().getRunning());
      List<Integer> pids =
          running ? ContainerProcesses.namespacePids(docker, r.getId()) : List.of();
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
      for (var c :
          docker
              .listContainersCmd()
              .withLabelFilter(Map.of(Labels.RUN, runId, Labels.ROLE, role))
              .exec()) {
        calls.kill(c.getId(), signal);
      }
    } catch (DockerException e) {
      throw new EngineException(
          "GET /containers/json (run " + runId + ") failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) throws EngineException {
    String request = "POST /volumes/create " + name;
    Shutdown.creating(
        request,
        () -> {
          try {
            return docker.createVolumeCmd().withName(name).withLabels(labels).exec();
          } catch (DockerException e) {
            throw new EngineException(request + " failed: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public void copyIntoVolume(
      String image, String volume, InputStream tar, Map<String, String> labels)
      throws EngineException {
    String path = "/.splitcheck-fill";
    ObjectNode host = EngineApi.JSON.createObjectNode();
    host.putArray("Binds")
        .add(ContainerSettings.bind(new ContainerSpec.VolumeMount(volume, path, false)));
    String id = calls.create(ContainerSettings.helperBody(image, NO_SUCH_ENTRYPOINT, labels, host));
    try {
      docker.copyArchiveToContainerCmd(id).withRemotePath(path).withTarInputStream(tar).exec();
    } catch (DockerException e) {
      throw new EngineException(
          "PUT /containers/"
              + id
              + "/archive?path="
              + path
              + " (volume "
              + volume
              + ") failed: "
              + e.getMessage(),
          e);
    } finally {
      calls.remove(id);
    }
  }

  @Override
  public ContainerExit run(ContainerSpec spec) throws EngineException {
    boolean peak = spec.security().pod().limits().memoryBytes() != null && peaksReadable();
    // a parent of its own, unless the caller gave one (the eBPF tracer's cell directory, one
    // container each)
    String ownParent = peak && spec.cgroupParent() == null ? MemoryPeaks.parent() : null;
    String peakParent = !peak ? null : ownParent != null ? ownParent : spec.cgroupParent();
    ContainerSpec run = ownParent == null ? spec : spec.withCgroupParent(ownParent);
    String id = calls.create(ContainerSettings.createBody(run));
    ContainerExit exit;
    try {
      exit = calls.startAndWait(id, run);
    } finally {
      calls.remove(id);
    }
    if (peakParent == null) {
      return exit;
    }
    // the engine removed the container's cgroup; its parent keeps the high-water mark
    Long bytes = MemoryPeaks.read(peakParent);
    if (ownParent != null) {
      MemoryPeaks.remove(ownParent);
    }
    return exit.withMemoryPeak(bytes);
  }

  /**
   * Whether a deliberate memory limit's peak can be read here: an engine on this host's socket with
   * the cgroupfs driver (a systemd driver takes only slices as parents), and a cgroup hierarchy
   * that records peaks.
   */
  private boolean peaksReadable() {
    Boolean known = peaks;
    if (known == null) {
      boolean ok;
      try {
        ok =
            host.startsWith("unix://")
                && "cgroupfs".equals(api.get("/info").path("CgroupDriver").asText())
                && MemoryPeaks.available();
      } catch (EngineException | RuntimeException e) {
        ok = false;
      }
      peaks = known = ok;
    }
    return known;
  }

  @Override
  public Optional<ImageStore> imageStore() {
    return Optional.of(new DockerImageStore(docker, host));
  }

  @Override
  public Optional<ImageFile> stat(String image, String path, Map<String, String> labels)
      throws EngineException {
    String id =
        calls.create(
            ContainerSettings.helperBody(
                image, NO_SUCH_ENTRYPOINT, labels, EngineApi.JSON.createObjectNode()));
    try {
      return ImageFileStat.read(api, id, path);
    } finally {
      calls.remove(id);
    }
  }

  @Override
  public OptionalLong fastestStartMillis() {
    return calls.fastestStartMillis();
  }

  @Override
  public boolean answers() {
    return DockerClients.answers(docker);
  }

  @Override
  public void removeRun(String runId) throws EngineException {
    new Janitor(docker).removeRun(runId);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
