package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@link ContainerEngine} over docker-java: its typed commands, and its transport with JSON trees
 * ({@link EngineApi}) for the calls made for every cell. Every call names the API request in its errors.
 */
public final class DockerContainerEngine implements ContainerEngine {
  private static final String NO_SUCH_ENTRYPOINT = "/.splitcheck-validate/no-such-entrypoint";
  private final DockerClient docker;
  private final EngineApi api;
  private final String host;
  /** Where custom profiles are written for an engine that takes {@code seccomp=} only as a path. */
  private volatile Path profileFiles;
  /** Whether memory peaks are read (asked of the engine once). */
  private volatile Boolean peaks;

  public DockerContainerEngine(DockerClient docker) {
    this(docker, DockerClients.hostOf(null));
  }

  /** @param host the URL {@code docker} talks to, recorded in {@link #info()} */
  public DockerContainerEngine(DockerClient docker, String host) {
    this.docker = docker;
    this.api = EngineApi.of(docker);
    this.host = host;
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
    this.profileFiles = dir;
  }

  private ObjectNode withProfileFiles(ObjectNode body) throws EngineException {
    Path dir = profileFiles;
    JsonNode opts = body.path("HostConfig").path("SecurityOpt");
    if (dir == null || !opts.isArray()) {
      return body;
    }
    ArrayNode rewritten = EngineApi.JSON.createArrayNode();
    for (JsonNode o : opts) {
      String opt = o.asText();
      rewritten.add(opt.startsWith("seccomp={") ? "seccomp=" + ProfileFiles.write(dir,
          opt.substring("seccomp=".length())) : opt);
    }
    ((ObjectNode) body.get("HostConfig")).set("SecurityOpt", rewritten);
    return body;
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
    String identity = text(i, "ID") == null ? null
        : "ID " + text(i, "ID") + ", name " + text(i, "Name") + ", root dir " + text(i, "DockerRootDir");
    return EngineInfo.of(host, text(i, "ServerVersion"), securityOptions,
        i.hasNonNull("NCPU") ? i.get("NCPU").asInt() : null, identity);
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
    return Optional.of(new ImageConfig(text(r, "Id"), strings(c.path("Entrypoint")),
        strings(c.path("Cmd")), text(r, "Architecture"), text(c, "User")));
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
    String request = "POST /volumes/create " + name;
    Shutdown.creating(request, () -> {
      try {
        return docker.createVolumeCmd().withName(name).withLabels(labels).exec();
      } catch (DockerException e) {
        throw new EngineException(request + " failed: " + e.getMessage(), e);
      }
    });
  }

  @Override
  public void copyIntoVolume(String image, String volume, InputStream tar, Map<String, String> labels)
      throws EngineException {
    String path = "/.splitcheck-fill";
    ObjectNode host = EngineApi.JSON.createObjectNode();
    host.putArray("Binds").add(ContainerSettings.bind(new ContainerSpec.VolumeMount(volume, path,
        false)));
    String id = create(withProfileFiles(ContainerSettings.helperBody(image, NO_SUCH_ENTRYPOINT, labels,
        host)));
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
    boolean peak = spec.security().pod().limits().memoryBytes() != null && peaksReadable();
    // a parent of its own, unless the caller gave one (the eBPF tracer's cell directory, one container each)
    String ownParent = peak && spec.cgroupParent() == null ? MemoryPeaks.parent() : null;
    String peakParent = !peak ? null : ownParent != null ? ownParent : spec.cgroupParent();
    ContainerSpec run = ownParent == null ? spec : spec.withCgroupParent(ownParent);
    String id = create(withProfileFiles(ContainerSettings.createBody(run)));
    ContainerExit exit;
    try {
      exit = startAndWait(id, run);
    } finally {
      removeContainer(id);
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
   * the cgroupfs driver (a systemd driver takes only slices as parents), and a cgroup hierarchy that
   * records peaks.
   */
  private boolean peaksReadable() {
    Boolean known = peaks;
    if (known == null) {
      boolean ok = false;
      try {
        ok = host.startsWith("unix://") && "cgroupfs".equals(api.get("/info").path("CgroupDriver").asText())
            && MemoryPeaks.available();
      } catch (EngineException | RuntimeException e) {
        ok = false;
      }
      peaks = known = ok;
    }
    return known;
  }

  private ContainerExit startAndWait(String id, ContainerSpec spec) throws EngineException {
    long started = System.nanoTime();
    try {
      api.post("/containers/" + id + "/start", null);
    } catch (EngineApi.Status e) {
      long wall = (System.nanoTime() - started) / 1_000_000;
      int code = state(id).path("ExitCode").asInt(-1);
      return new ContainerExit(code == 0 ? -1 : code, false, false, wall, CappedOutput.EMPTY,
          CappedOutput.EMPTY, "POST /containers/" + id + "/start: " + e.daemonMessage(), null);
    }
    boolean timedOut = awaitExit(id, spec.timeout().toMillis(), spec.ptraceSidecarOf() != null);
    long wall = (System.nanoTime() - started) / 1_000_000;
    JsonNode state = state(id);
    int exitCode = state.path("ExitCode").asInt(-1);
    boolean oom = state.path("OOMKilled").asBoolean(false);
    CappedOutput[] logs = ContainerLogs.read(api, id, spec.outputCap());
    Path readBack = spec.readBack() == null ? null : copyOut(id, spec.readBack());
    return new ContainerExit(exitCode, timedOut, oom, wall, logs[0], logs[1], null, readBack);
  }

  /**
   * Waits for the container to exit; at {@code millis} it is stopped ({@link #stop}). True when it
   * was: the wait request itself has no timeout, the deadline's stop is what ends it.
   */
  private boolean awaitExit(String id, long millis, boolean gently) throws EngineException {
    Deadline deadline = new Deadline(id, gently);
    ScheduledFuture<?> first = Deadline.TIMER.schedule(deadline::expire, millis,
        TimeUnit.MILLISECONDS);
    try {
      api.post("/containers/" + id + "/wait", null);
    } finally {
      first.cancel(false);
      // waits for a kill in flight: the wait can return (the container died of the kill) before the
      // kill's own answer is in, which is what says whether the kill was what ended it
      deadline.cancel();
    }
    return deadline.fired();
  }

  /**
   * What happens at a container's timeout: SIGKILL; a tracer first gets SIGINT so that it detaches
   * from its tracees and flushes, and SIGKILL 15 s later.
   */
  private final class Deadline {
    /** A few threads: a kill that hangs on an engine gone silent must not hold up other deadlines. */
    static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, "splitcheck-container-deadlines");
      t.setDaemon(true);
      return t;
    });
    private final String id;
    private final boolean gently;
    private boolean fired;
    private boolean cancelled;
    private ScheduledFuture<?> escalation;

    Deadline(String id, boolean gently) {
      this.id = id;
      this.gently = gently;
    }

    /** Holds the lock while it kills, so that {@link #cancel} returns only once the kill has answered. */
    synchronized void expire() {
      if (cancelled) {
        return;
      }
      // a container that exited just before its deadline is not "timed out": kill answers 409
      if (kill(id, gently ? "INT" : "KILL")) {
        fired = true;
        if (gently) {
          escalation = TIMER.schedule(() -> kill(id, "KILL"), 15, TimeUnit.SECONDS);
        }
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (escalation != null) {
        escalation.cancel(false);
      }
    }

    synchronized boolean fired() {
      return fired;
    }
  }

  /** True when the signal was delivered; false when the container is no longer running or gone. */
  private boolean kill(String id, String signal) {
    try {
      api.post("/containers/" + id + "/kill?signal=" + signal, null);
      return true;
    } catch (EngineException e) {
      // 404 gone, 409 not running; anything else shows up when the wait or the inspect fails
      return false;
    }
  }

  @Override
  public Optional<ImageStore> imageStore() {
    return Optional.of(new DockerImageStore(docker, host));
  }

  @Override
  public Optional<io.splitcheck.k8s.ImageFile> stat(String image, String path,
      Map<String, String> labels) throws EngineException {
    String id = create(ContainerSettings.helperBody(image, NO_SUCH_ENTRYPOINT, labels,
        EngineApi.JSON.createObjectNode()));
    try {
      return ImageFileStat.read(api, id, path);
    } finally {
      removeContainer(id);
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
    ObjectNode host = EngineApi.JSON.createObjectNode();
    host.putArray("SecurityOpt").add("seccomp=" + profileJson);
    String id = create(withProfileFiles(ContainerSettings.helperBody(image, NO_SUCH_ENTRYPOINT, labels,
        host)));
    try {
      api.post("/containers/" + id + "/start", null);
      return Optional.empty();
    } catch (EngineApi.Status e) {
      String msg = e.daemonMessage();
      // loaded: runc got as far as exec, or the filter in force denied one of runc's own calls
      boolean loaded = msg.contains(NO_SUCH_ENTRYPOINT) || msg.contains("operation not permitted");
      return loaded ? Optional.empty() : Optional.of(msg);
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

  private String create(ObjectNode body) throws EngineException {
    String image = body.path("Image").asText();
    String request = "POST /containers/create (image " + image + ")";
    return Shutdown.creating(request, () -> {
      try {
        return api.post("/containers/create", body).path("Id").asText();
      } catch (EngineApi.Status e) {
        if (e.notFound()) {
          throw new EngineException(request + ": no such image locally (splitcheck never pulls)", e);
        }
        throw new EngineException(request + " failed: " + e.daemonMessage(), e);
      }
    });
  }

  /** {@code State} of a container's inspection. */
  private JsonNode state(String id) throws EngineException {
    return api.get("/containers/" + id + "/json").path("State");
  }

  private void removeContainer(String id) throws EngineException {
    try {
      api.delete("/containers/" + id + "?force=1&v=0");
    } catch (EngineApi.Status e) {
      // 409 "removal ... already in progress": the exit cleanup is removing it at the same moment
      if (!e.notFound() && !Janitor.removalInProgress(e.code(), e.daemonMessage())) {
        throw e;
      }
    }
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
