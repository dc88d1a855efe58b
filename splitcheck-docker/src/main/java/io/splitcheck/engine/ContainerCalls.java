package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The life of one container on the engine, for {@link DockerContainerEngine}: create (refused once
 * splitcheck is stopping, custom profiles sent as files where the engine needs that), start and
 * wait under a {@link ContainerDeadline}, kill, copy a file out, remove. Every call names its API
 * request in its errors.
 */
final class ContainerCalls {
  private final DockerClient docker;
  private final EngineApi api;

  /** The fastest answered start so far, ms; {@link Long#MAX_VALUE} before the first. */
  private final AtomicLong fastestStart = new AtomicLong(Long.MAX_VALUE);

  /** Where custom profiles are written for an engine that takes {@code seccomp=} only as a path. */
  private volatile Path profileFiles;

  ContainerCalls(DockerClient docker, EngineApi api) {
    this.docker = docker;
    this.api = api;
  }

  void sendProfilesAsFiles(Path dir) {
    this.profileFiles = dir;
  }

  /** Creates a container of {@code body}; its id. */
  String create(ObjectNode body) throws EngineException {
    ObjectNode sent = withProfileFiles(body);
    String image = sent.path("Image").asText();
    String request = "POST /containers/create (image " + image + ")";
    return Shutdown.creating(
        request,
        () -> {
          try {
            return api.post("/containers/create", sent).path("Id").asText();
          } catch (EngineApi.Status e) {
            if (e.notFound()) {
              throw new EngineException(
                  request + ": no such image locally (splitcheck never pulls)", e);
            }
            throw new EngineException(request + " failed: " + e.daemonMessage(), e);
          }
        });
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
      rewritten.add(
          opt.startsWith("seccomp={")
              ? "seccomp=" + ProfileFiles.write(dir, opt.substring("seccomp=".length()))
              : opt);
    }
    ((ObjectNode) body.get("HostConfig")).set("SecurityOpt", rewritten);
    return body;
  }

  /** Starts the created container {@code id}, waits for it under its timeout, reads its output. */
  ContainerExit startAndWait(String id, ContainerSpec spec) throws EngineException {
    long started = System.nanoTime();
    try {
      api.post("/containers/" + id + "/start", null);
    } catch (EngineApi.Status e) {
      long wall = (System.nanoTime() - started) / 1_000_000;
      int code = state(id).path("ExitCode").asInt(-1);
      return new ContainerExit(
          code == 0 ? -1 : code,
          false,
          false,
          wall,
          CappedOutput.EMPTY,
          CappedOutput.EMPTY,
          "POST /containers/" + id + "/start: " + e.daemonMessage(),
          null);
    }
    fastestStart.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::min);
    boolean timedOut = awaitExit(id, spec.timeout().toMillis(), spec.ptraceSidecarOf() != null);
    long wall = (System.nanoTime() - started) / 1_000_000;
    JsonNode state = state(id);
    int exitCode = state.path("ExitCode").asInt(-1);
    boolean oom = state.path("OOMKilled").asBoolean(false);
    long logsStarted = CallTimings.start();
    CappedOutput[] logs = ContainerLogs.read(api, id, spec.outputCap());
    CallTimings.end("GET /containers/" + id + "/logs", logsStarted);
    Path readBack = spec.readBack() == null ? null : copyOut(id, spec.readBack());
    return new ContainerExit(exitCode, timedOut, oom, wall, logs[0], logs[1], null, readBack);
  }

  /** The fastest start the engine answered through these calls; empty before the first. */
  OptionalLong fastestStartMillis() {
    long ms = fastestStart.get();
    return ms == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(ms);
  }

  /**
   * Waits for the container to exit; at {@code millis} it is stopped ({@link ContainerDeadline}).
   * True when it was: the wait request itself has no timeout, the deadline's stop is what ends it.
   */
  private boolean awaitExit(String id, long millis, boolean gently) throws EngineException {
    ContainerDeadline deadline = new ContainerDeadline(id, gently, this::kill);
    ScheduledFuture<?> first =
        ContainerDeadline.TIMER.schedule(deadline::expire, millis, TimeUnit.MILLISECONDS);
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

  /** True when the signal was delivered; false when the container is no longer running or gone. */
  boolean kill(String id, String signal) {
    try {
      api.post("/containers/" + id + "/kill?signal=" + signal, null);
      return true;
    } catch (EngineException e) {
      // 404 gone, 409 not running; anything else shows up when the wait or the inspect fails
      return false;
    }
  }

  /**
   * The regular file at {@code path} in the container, copied to a temporary file; null if none.
   */
  private Path copyOut(String id, String path) throws EngineException {
    try (InputStream in = docker.copyArchiveFromContainerCmd(id, path).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry = tar.getNextEntry();
      if (entry == null || !entry.isFile()) {
        return null;
      }
      Path out = TempFolder.file("file-", ".out");
      Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (NotFoundException e) {
      return null;
    } catch (DockerException | IOException e) {
      throw new EngineException(
          "GET /containers/" + id + "/archive?path=" + path + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code State} of a container's inspection. */
  private JsonNode state(String id) throws EngineException {
    return api.get("/containers/" + id + "/json").path("State");
  }

  void remove(String id) throws EngineException {
    try {
      api.delete("/containers/" + id + "?force=1&v=0");
    } catch (EngineApi.Status e) {
      // 409 "removal ... already in progress": the exit cleanup is removing it at the same moment
      if (!e.notFound() && !Janitor.removalInProgress(e.code(), e.daemonMessage())) {
        throw e;
      }
    }
  }
}
