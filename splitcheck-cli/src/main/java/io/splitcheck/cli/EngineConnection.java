package io.splitcheck.cli;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;

/** Opens the engine connection a command needs, with the error a user can act on. */
final class EngineConnection {
  private EngineConnection() {}

  static ConnectedEngine open(CommonOptions options) throws EngineException {
    return open(options == null ? null : options.dockerHost);
  }

  /**
   * @param host an engine URL, or null for DOCKER_HOST, else the local socket
   */
  static ConnectedEngine open(String host) throws EngineException {
    try {
      return ConnectedEngine.connect(host);
    } catch (EngineException e) {
      throw new EngineException(
          e.getMessage() + "; start an engine there, or give --docker-host URL", e);
    }
  }
}
