package io.splitcheck.engine;

import java.util.List;

/**
 * What the matrix, the profiler and the tracer need of the engine's containers and volumes: the
 * roles {@link ContainerRunner}, {@link ImageLookup}, {@link VolumeStore} and {@link RunCleanup} of
 * one engine, plus what {@code GET /info} says of it. Code that needs one role depends on that role
 * only, so a unit test can hand it a small fake.
 */
public interface ContainerEngine extends ContainerRunner, ImageLookup, VolumeStore, RunCleanup {
  /** The parts of a local image's config that decide what runs. */
  record ImageConfig(
      String id, List<String> entrypoint, List<String> cmd, String architecture, String user) {
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

  // container(), signal(), run(), answers(): ContainerRunner; image(): ImageLookup;
  // createVolume(), copyIntoVolume(): VolumeStore; removeRun(): RunCleanup
}
