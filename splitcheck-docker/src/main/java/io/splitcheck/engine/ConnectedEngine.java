package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One engine a command talks to, behind the engine port: the URL it was given, what {@code GET
 * /info} says of it (recorded on every cell it runs), and its roles — containers, images, cleanup.
 * The docker-java client it holds never leaves this package; callers outside {@code engine/} see
 * only the interfaces.
 */
public final class ConnectedEngine implements AutoCloseable {
  private final String url;
  private final DockerClient docker;
  private final DockerContainerEngine containers;
  private final EngineInfo info;

  private ConnectedEngine(
      String url, DockerClient docker, DockerContainerEngine containers, EngineInfo info) {
    this.url = url;
    this.docker = docker;
    this.containers = containers;
    this.info = info;
  }

  /**
   * Connects to the engine at {@code url} and describes it; the ping is bounded ({@link
   * DockerClients#PING_TIMEOUT}).
   *
   * @param url {@code unix:///…}, {@code tcp://…}, or null for DOCKER_HOST, else the local socket
   * @throws EngineException naming the URL and the transport's or daemon's error when it does not
   *     answer
   */
  public static ConnectedEngine connect(String url) throws EngineException {
    return connect(url, true);
  }

  /**
   * @param nameTheUrl whether the error says where ({@code answers at URL}); false where the caller
   *     names the URL itself ({@code --engine 'URL': no Docker engine answers (...)})
   */
  public static ConnectedEngine connect(String url, boolean nameTheUrl) throws EngineException {
    DockerClient docker = DockerClients.forHost(url);
    String error = DockerClients.pingError(docker);
    if (error != null) {
      closeQuietly(docker);
      throw new EngineException(
          "no Docker engine answers"
              + (nameTheUrl ? " at " + DockerClients.hostOf(url) : "")
              + " (GET /_ping failed: "
              + error
              + ")");
    }
    return describe(url, docker);
  }

  /**
   * Whether an engine answers at {@code url} (null: DOCKER_HOST, else the local socket) within the
   * ping timeout.
   */
  public static boolean answers(String url) {
    DockerClient docker = DockerClients.forHost(url);
    try {
      return DockerClients.answers(docker);
    } finally {
      closeQuietly(docker);
    }
  }

  /** Asks the answering engine behind {@code docker} for its {@code GET /info}. */
  static ConnectedEngine describe(String url, DockerClient docker) throws EngineException {
    DockerContainerEngine containers = new DockerContainerEngine(docker, DockerClients.hostOf(url));
    try {
      return new ConnectedEngine(url, docker, containers, containers.info());
    } catch (EngineException | RuntimeException e) {
      closeQuietly(docker);
      throw e;
    }
  }

  /**
   * The URL as given ({@code --engine}, {@code --docker-host}), or null: what the docker CLI builds
   * against.
   */
  public String url() {
    return url;
  }

  /** The URL splitcheck talks to, as the reports record it. */
  public String host() {
    return info.host();
  }

  public EngineInfo info() {
    return info;
  }

  /** The engine's version ({@code GET /version}), e.g. {@code 20.10.24+dfsg1}. */
  public String version() throws EngineException {
    try {
      return docker.versionCmd().exec().getVersion();
    } catch (RuntimeException e) {
      throw new EngineException("GET /version failed at " + host() + ": " + e.getMessage(), e);
    }
  }

  public ContainerEngine containers() {
    return containers;
  }

  /** The engine's kind and runtime ({@code GET /version}, {@code GET /info}). */
  public EngineFacts facts() throws EngineException {
    return containers.facts();
  }

  /** Custom seccomp profiles go as files in {@code dir} from now on (Podman takes only a path). */
  public void sendProfilesAsFiles(Path dir) {
    containers.sendProfilesAsFiles(dir);
  }

  public ImageStore images() {
    return new DockerImageStore(docker, DockerClients.hostOf(url));
  }

  public Janitor janitor() {
    return new Janitor(docker);
  }

  @Override
  public void close() {
    closeQuietly(docker);
  }

  private static void closeQuietly(DockerClient docker) {
    try {
      docker.close();
    } catch (IOException e) {
      // closing a client cannot lose anything
    }
  }
}
