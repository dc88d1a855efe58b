package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds docker-java clients. The API version is never pinned: docker-java negotiates what the
 * engine reports (API 1.41 on Docker 20.10).
 */
public final class DockerClients {
  private DockerClients() {}

  /**
   * The one client {@link #warmUp} builds while picocli parses, handed to the first {@link
   * #forHost} for that engine and cleared then. Process-wide on purpose: it bridges {@code Main}
   * (before any command object exists) and whichever command connects first; at most one client,
   * taken once. Library callers (the JUnit extension, the Maven goals) never warm up, so it stays
   * empty for them.
   */
  private static final AtomicReference<CompletableFuture<DockerClient>> WARM =
      new AtomicReference<>();

  /** A client for DOCKER_HOST, or the default local socket. */
  public static DockerClient fromEnvironment() {
    return forHost(null);
  }

  /**
   * Starts building and pinging a client for DOCKER_HOST (or the local socket) in the background:
   * loading docker-java's and the HTTP client's classes takes about as long as picocli takes to
   * parse the command line, and with two cores the two overlap. {@link #forHost} hands the client
   * out to the first caller that asks for that engine; nobody asking costs one {@code GET /_ping}.
   */
  public static void warmUp() {
    WARM.compareAndSet(
        null,
        CompletableFuture.supplyAsync(
            () -> {
              DockerClient client = build(null);
              answers(client);
              return client;
            }));
  }

  private static DockerClient warmed(String host) {
    if (host != null && !host.equals(hostOf(null))) {
      return null;
    }
    CompletableFuture<DockerClient> warm = WARM.getAndSet(null);
    return warm == null ? null : warm.join();
  }

  /**
   * @param host {@code unix:///var/run/docker.sock}, {@code tcp://host:2376}, or null for the
   *     environment
   */
  public static DockerClient forHost(String host) {
    DockerClient warmed = warmed(host);
    return warmed != null ? warmed : build(host);
  }

  private static DockerClient build(String host) {
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (host != null) {
      config.withDockerHost(host);
    }
    DefaultDockerClientConfig built = config.build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(built.getDockerHost())
            .sslConfig(built.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(Duration.ofMinutes(30))
            .build();
    return DockerClientImpl.getInstance(built, http);
  }

  /**
   * The URL a client for {@code host} talks to: {@code host}, else DOCKER_HOST, else the local
   * socket.
   */
  public static String hostOf(String host) {
    return host != null
        ? host
        : System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
  }

  /**
   * How long a ping may take. The client's own response timeout is long (a build or a {@code docker
   * save} answers after minutes), so the ping is bounded on its own: an engine that accepts the
   * connection and never answers (a stopped dockerd's socket held by systemd, a firewall that
   * drops) fails here within seconds instead of after the client's 30 minutes.
   */
  public static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

  /** The engine answers a ping within {@link #PING_TIMEOUT}. */
  public static boolean answers(DockerClient client) {
    return pingError(client) == null;
  }

  /**
   * Why {@code GET /_ping} failed (the transport's or the daemon's text, or that it did not answer
   * within {@link #PING_TIMEOUT}), or null when it answered.
   */
  public static String pingError(DockerClient client) {
    return pingError(client, PING_TIMEOUT);
  }

  static String pingError(DockerClient client, Duration timeout) {
    CompletableFuture<String> ping = new CompletableFuture<>();
    Thread t = new Thread(() -> ping.complete(pingNow(client)), "splitcheck-ping");
    t.setDaemon(true);
    t.start();
    try {
      return ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      return "no answer to GET /_ping within " + timeout.toSeconds() + " s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for GET /_ping";
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause());
    }
  }

  private static String pingNow(DockerClient client) {
    try {
      client.pingCmd().exec();
      return null;
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getMessage() == null) {
        cause = cause.getCause();
      }
      // docker-java wraps the transport's exception: "org.apache...HttpHostConnectException:
      // Connect to ..."
      return cause.getMessage() == null
          ? cause.getClass().getSimpleName()
          : cause.getMessage().replaceFirst("^(?:[a-z0-9_]+\\.)+[A-Za-z0-9_$]+: ", "");
    }
  }
}
