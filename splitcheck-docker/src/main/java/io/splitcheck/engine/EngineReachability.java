package io.splitcheck.engine;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an engine's unix socket accepts a connection, asked before any HTTP client is built: a
 * missing or dead socket then reads as one sentence, instead of the HTTP client's retry log lines
 * with a raw {@code SocketException} in a test's or a build's output.
 */
public final class EngineReachability {
  private EngineReachability() {}

  /**
   * Why nothing can answer at {@code host} (as {@link DockerClients#hostOf} resolves it), or null
   * when the socket accepts a connection or the host is not a unix socket (tcp: the ping tells).
   */
  public static String unreachable(String host) {
    String url = DockerClients.hostOf(host);
    if (!url.startsWith("unix://")) {
      return null;
    }
    Path socket = Path.of(url.substring("unix://".length()));
    if (!Files.exists(socket)) {
      return "no socket " + socket;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return "cannot connect to " + socket + ": " + e.getMessage();
    }
  }

  /** Why no engine answers at {@code host}, or null when {@code GET /_ping} succeeds. */
  public static String whyNoEngine(String host) {
    String why = unreachable(host);
    if (why != null) {
      return why;
    }
    try (var docker = DockerClients.forHost(host)) {
      return DockerClients.pingError(docker);
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
