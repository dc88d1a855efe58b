package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Builds docker-java clients. The API version is never pinned: docker-java negotiates what the engine
 * reports (API 1.41 on Docker 20.10).
 */
public final class DockerClients {
  private DockerClients() {}

  /** A client for DOCKER_HOST, or the default local socket. */
  public static DockerClient fromEnvironment() {
    return forHost(null);
  }

  /** @param host {@code unix:///var/run/docker.sock}, {@code tcp://host:2376}, or null for the environment */
  public static DockerClient forHost(String host) {
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (host != null) {
      config.withDockerHost(host);
    }
    DefaultDockerClientConfig built = config.build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(built.getDockerHost())
        .sslConfig(built.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofMinutes(30))
        .build();
    return DockerClientImpl.getInstance(built, http);
  }

  /** The URL a client for {@code host} talks to: {@code host}, else DOCKER_HOST, else the local socket. */
  public static String hostOf(String host) {
    return host != null ? host
        : System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
  }

  /** The engine answers a ping within a few seconds. */
  public static boolean answers(DockerClient client) {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
