package io.splitcheck.engine;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The engine port's role that runs containers: what a matrix cell, a trace and a profile run need.
 */
public interface ContainerRunner {
  /**
   * The host pid of a running container's first process ({@code State.Pid}); empty when not running
   * or not known.
   */
  default Optional<Long> hostPid(String ref) throws EngineException {
    return Optional.empty();
  }

  /** Runs a container to exit or timeout, collects its outcome, and removes it. */
  ContainerExit run(ContainerSpec spec) throws EngineException;

  /** Sends {@code signal} to the running containers of a run that have the given role. */
  void signal(String runId, String role, String signal) throws EngineException;

  /** The container by name or id, or empty when the engine has none. */
  Optional<ContainerEngine.ContainerInfo> container(String ref) throws EngineException;

  /**
   * The fastest {@code POST /containers/ID/start} this engine answered for this process, in
   * milliseconds (what {@code --jobs} is chosen from); empty before the first start or when not
   * measured.
   */
  default OptionalLong fastestStartMillis() {
    return OptionalLong.empty();
  }

  /** Whether the engine still answers (a ping); false once it went away. */
  default boolean answers() {
    return true;
  }
}
