package io.splitcheck.cli;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineInfo;
import io.splitcheck.engine.Futures;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The engines a command spreads its containers over ({@code --engine}, repeatable; else {@code
 * --docker-host}), each checked, pinged and described ({@code GET /info}), in the order given.
 */
record Engines(List<ConnectedEngine> connected) implements AutoCloseable {
  static final String OPTION = "--engine";
  private static final String EXPECTED = "expected unix:///PATH or tcp://HOST:PORT";

  Engines {
    connected = List.copyOf(connected);
  }

  /** Closes every engine's client. */
  @Override
  public void close() {
    connected.forEach(ConnectedEngine::close);
  }

  List<ContainerEngine> engines() {
    return connected.stream().map(ConnectedEngine::containers).toList();
  }

  List<EngineInfo> infos() {
    return connected.stream().map(ConnectedEngine::info).toList();
  }

  /**
   * Connecting in the background; {@link #await} returns the engines or throws the first failure.
   */
  static final class Pending {
    private final CompletableFuture<Engines> future;

    private Pending(CompletableFuture<Engines> future) {
      this.future = future;
    }

    Engines await() throws EngineException {
      return Futures.join(future);
    }

    /**
     * For a command whose input turned out bad after connecting began: closes the engines once they
     * are connected (or the attempt fails), so no client, connection pool or thread outlives the
     * error.
     */
    void abandon() {
      future.whenComplete(
          (engines, error) -> {
            if (engines != null) {
              engines.close();
            }
          });
    }
  }

  /**
   * Checks the URLs now (bad input before anything is contacted) and connects in the background.
   *
   * @param urls the {@code --engine} URLs in order; empty: the one engine {@code dockerHost}
   * @param dockerHost {@code --docker-host}, or null for DOCKER_HOST, else the local socket
   */
  static Pending connect(List<String> urls, String dockerHost) {
    List<String> hosts = check(urls, dockerHost);
    return new Pending(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return open(hosts, !urls.isEmpty());
              } catch (EngineException e) {
                throw new CompletionException(e);
              }
            }));
  }

  /** As {@link #connect}, waiting for the engines. */
  static Engines open(List<String> urls, String dockerHost) throws EngineException {
    return open(check(urls, dockerHost), !urls.isEmpty());
  }

  /**
   * The hosts to connect to; a malformed, unsupported or repeated {@code --engine} URL is bad
   * input.
   */
  static List<String> check(List<String> urls, String dockerHost) {
    if (urls.isEmpty()) {
      return Collections.singletonList(dockerHost);
    }
    Map<String, String> seen = new HashMap<>();
    for (String url : urls) {
      String other = seen.put(normalise(url), url);
      if (other != null) {
        throw new IllegalArgumentException(
            OPTION
                + " '"
                + url
                + "' is given twice"
                + (other.equals(url) ? "" : " (also as '" + other + "')")
                + ": give each engine once");
      }
    }
    return List.copyOf(urls);
  }

  /**
   * The URL in one spelling, so that one engine given twice is found; bad input names the option.
   */
  static String normalise(String url) {
    int sep = url == null ? -1 : url.indexOf("://");
    String scheme = sep < 0 ? "" : url.substring(0, sep);
    String rest = sep < 0 ? "" : url.substring(sep + 3);
    switch (scheme) {
      case "unix" -> {
        if (!rest.startsWith("/") || rest.length() == 1) {
          throw bad(url, "expected unix:///PATH, an absolute path to the engine's socket");
        }
        return "unix://" + Path.of(rest).normalize();
      }
      case "tcp" -> {
        try {
          URI uri = new URI(url);
          if (uri.getHost() == null
              || uri.getPort() <= 0
              || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
            throw bad(
                url, "expected tcp://HOST:PORT (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)");
          }
          return "tcp://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
        } catch (URISyntaxException e) {
          throw bad(url, "expected tcp://HOST:PORT (" + e.getReason() + ")");
        }
      }
      case "ssh" ->
          throw bad(
              url,
              "ssh:// is not supported: docker-java, the client splitcheck talks to "
                  + "engines with, has no ssh transport; forward the engine's socket "
                  + "(ssh -nNT -L /tmp/engine.sock:/var/run/docker.sock USER@HOST) and give unix:///tmp/engine.sock");
      default -> throw bad(url, EXPECTED);
    }
  }

  private static IllegalArgumentException bad(String url, String expected) {
    return new IllegalArgumentException(OPTION + " '" + url + "': " + expected);
  }

  /**
   * @param named whether the hosts came from {@code --engine} (errors name it)
   */
  private static Engines open(List<String> hosts, boolean named) throws EngineException {
    List<ConnectedEngine> engines = new ArrayList<>();
    try {
      for (String host : hosts) {
        ConnectedEngine engine = connect(host, named);
        engines.add(engine);
        for (ConnectedEngine earlier : engines.subList(0, engines.size() - 1)) {
          if (earlier.info().sameEngineAs(engine.info())) {
            throw new IllegalArgumentException(
                OPTION
                    + " '"
                    + earlier.url()
                    + "' and "
                    + OPTION
                    + " '"
                    + host
                    + "' are the same engine (GET /info: "
                    + engine.info().identity()
                    + "): give each engine once");
          }
        }
      }
    } catch (EngineException | RuntimeException e) {
      engines.forEach(ConnectedEngine::close);
      throw e;
    }
    return new Engines(engines);
  }

  private static ConnectedEngine connect(String host, boolean named) throws EngineException {
    if (!named) {
      return EngineConnection.open(host);
    }
    try {
      return ConnectedEngine.connect(host, false);
    } catch (EngineException e) {
      throw new EngineException(OPTION + " '" + host + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw bad(host, EXPECTED + " (" + e.getMessage() + ")");
    }
  }
}
