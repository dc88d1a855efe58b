package io.splitcheck.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.EngineException;

/** Opens the engine connection a command needs, with the error a user can act on. */
final class EngineConnection {
  private EngineConnection() {}

  static DockerClient open(CommonOptions options) throws EngineException {
    return open(options == null ? null : options.dockerHost);
  }

  /** @param host an engine URL, or null for DOCKER_HOST, else the local socket */
  static DockerClient open(String host) throws EngineException {
    DockerClient docker = DockerClients.forHost(host);
    if (!DockerClients.answers(docker)) {
      throw new EngineException("no Docker engine answers at " + DockerClients.hostOf(host)
          + " (GET /_ping failed); start one with scripts/engine");
    }
    return docker;
  }

  static String version(DockerClient docker) throws EngineException {
    try {
      Version v = docker.versionCmd().exec();
      return v.getVersion();
    } catch (RuntimeException e) {
      throw new EngineException("GET /version failed: " + e.getMessage(), e);
    }
  }
}
