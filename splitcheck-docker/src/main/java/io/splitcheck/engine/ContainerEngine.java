package io.splitcheck.engine;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the matrix, the profiler and the tracer need of the engine's containers and volumes. */
public interface ContainerEngine {
  /** The parts of a local image's config that decide what runs. */
  record ImageConfig(String id, List<String> entrypoint, List<String> cmd, String architecture,
                     String user) {
    public ImageConfig {
      entrypoint = List.copyOf(entrypoint);
      cmd = List.copyOf(cmd);
      user = user == null ? "" : user;
    }

    /** An image whose USER is not known (root). */
    public ImageConfig(String id, List<String> entrypoint, List<String> cmd, String architecture) {
      this(id, entrypoint, cmd, architecture, "");
    }
  }

  /**
   * Owner, mode and {@code security.capability} of a path in a local image, read from the engine's
   * archive of a created (never started) container; empty when the path does not exist.
   */
  default Optional<io.splitcheck.k8s.ImageFile> stat(String image, String path, Map<String, String> labels)
      throws EngineException {
    return Optional.empty();
  }

  /**
   * A container to attach to.
   *
   * @param id the full id
   * @param image the image id it runs
   * @param running whether it is running
   * @param pids its processes' pids as seen inside its PID namespace, ascending
   */
  record ContainerInfo(String id, String image, boolean running, List<Integer> pids) {
    public ContainerInfo {
      pids = List.copyOf(pids);
    }
  }

  /** The engine's version, default seccomp profile and CPUs ({@code GET /info}). */
  default EngineInfo info() throws EngineException {
    return new EngineInfo("unknown", "unknown", null, 1);
  }

  /** The container by name or id, or empty when the engine has none. */
  Optional<ContainerInfo> container(String ref) throws EngineException;

  /** Sends {@code signal} to the running containers of a run that have the given role. */
  void signal(String runId, String role, String signal) throws EngineException;

  /** The local image, or empty when the engine has none by that name. Never pulls. */
  Optional<ImageConfig> image(String ref) throws EngineException;

  /** Creates a named volume carrying {@code labels}. */
  void createVolume(String name, Map<String, String> labels) throws EngineException;

  /**
   * Extracts a tar into a volume, through a created (never started) container of {@code image} that
   * mounts the volume: no image is pulled and nothing of {@code image} runs.
   */
  void copyIntoVolume(String image, String volume, InputStream tar, Map<String, String> labels)
      throws EngineException;

  /** Runs a container to exit or timeout, collects its outcome, and removes it. */
  ContainerExit run(ContainerSpec spec) throws EngineException;

  /**
   * The engine's own error when it rejects a seccomp profile, else empty. Starts a container whose
   * entrypoint does not exist, so the profile is decoded and loaded but nothing runs.
   */
  Optional<String> seccompRejection(String image, String profileJson, Map<String, String> labels)
      throws EngineException;

  /** Removes every container, volume and image carrying {@code io.splitcheck.run=runId}. */
  void removeRun(String runId) throws EngineException;

  /** Whether the engine still answers (a ping); false once it went away. */
  default boolean answers() {
    return true;
  }
}
