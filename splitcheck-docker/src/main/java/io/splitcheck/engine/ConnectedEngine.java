package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;

/**
 * One engine a command talks to: the URL it was given, its client, and what {@code GET /info} says of
 * it (recorded on every cell it runs).
 *
 * @param url the URL as given ({@code --engine}, {@code --docker-host}), or null for DOCKER_HOST, else
 *     the local socket; what the docker CLI builds against
 * @param docker an answering client; closed with this
 */
public record ConnectedEngine(String url, DockerClient docker, DockerContainerEngine containers,
                              EngineInfo info) implements AutoCloseable {

  /** Asks the answering engine behind {@code docker} for its {@code GET /info}. */
  public static ConnectedEngine describe(String url, DockerClient docker) throws EngineException {
    DockerContainerEngine containers = new DockerContainerEngine(docker, DockerClients.hostOf(url));
    return new ConnectedEngine(url, docker, containers, containers.info());
  }

  /** The URL splitcheck talks to, as the reports record it. */
  public String host() {
    return info.host();
  }

  public ImageStore images() {
    return new DockerImageStore(docker, DockerClients.hostOf(url));
  }

  public Janitor janitor() {
    return new Janitor(docker);
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      // closing a client cannot lose anything
    }
  }
}
