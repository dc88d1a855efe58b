package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request.Method;
import io.splitcheck.json.Json;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The engine's HTTP API as JSON trees, over docker-java's own transport ({@link DockerHttpClient}).
 * Used for the calls the matrix makes for every cell (create, start, wait, inspect, logs, remove)
 * and for {@code /info} and image inspection: docker-java's typed models cost more CPU to build
 * their (de)serialisers than the engine takes to answer, on the same cores the engine starts
 * containers with (docs/bench.md measures it). Paths are unversioned: the engine answers in its own
 * API version.
 */
final class EngineApi {
  static final ObjectMapper JSON = Json.mapper();
  private final DockerHttpClient http;

  EngineApi(DockerHttpClient http) {
    this.http = http;
  }

  /** The transport under a client built by {@link DockerClients}. */
  static EngineApi of(DockerClient docker) {
    if (docker instanceof DockerClientImpl impl) {
      return new EngineApi(impl.getHttpClient());
    }
    throw new IllegalArgumentException("not a docker-java DockerClientImpl: " + docker.getClass());
  }

  /** An answer with a status of 400 or more; {@link #getMessage()} is the daemon's own text. */
  static final class Status extends EngineException {
    private final int code;
    private final String daemonMessage;

    Status(String request, int code, String daemonMessage) {
      super(request + " failed: " + code + ": " + daemonMessage);
      this.code = code;
      this.daemonMessage = daemonMessage;
    }

    int code() {
      return code;
    }

    boolean notFound() {
      return code == 404;
    }

    /** The daemon's text without the request and status in front. */
    String daemonMessage() {
      return daemonMessage;
    }
  }

  JsonNode get(String path) throws EngineException {
    return call(Method.GET, path, null);
  }

  JsonNode post(String path, JsonNode body) throws EngineException {
    return call(Method.POST, path, body);
  }

  void delete(String path) throws EngineException {
    call(Method.DELETE, path, null);
  }

  /** The response body of a GET, streamed; the caller closes it. */
  InputStream stream(String path) throws EngineException {
    String request = "GET " + path;
    DockerHttpClient.Response r = execute(Method.GET, path, null, request);
    try {
      if (r.getStatusCode() >= 400) {
        throw status(request, r);
      }
      return new ResponseStream(r);
    } catch (EngineException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  private JsonNode call(Method method, String path, JsonNode body) throws EngineException {
    String request = method + " " + path;
    long started = CallTimings.start();
    try (DockerHttpClient.Response r = execute(method, path, body, request)) {
      if (r.getStatusCode() >= 400) {
        throw status(request, r);
      }
      byte[] bytes = r.getBody().readAllBytes();
      return bytes.length == 0 ? null : JSON.readTree(bytes);
    } catch (IOException | UncheckedIOException e) {
      throw new EngineException(request + " failed: " + e.getMessage(), e);
    } finally {
      CallTimings.end(request, started);
    }
  }

  private DockerHttpClient.Response execute(
      Method method, String path, JsonNode body, String request) throws EngineException {
    DockerHttpClient.Request.Builder b =
        DockerHttpClient.Request.builder().method(method).path(path);
    try {
      if (body != null) {
        b.putHeader("Content-Type", "application/json");
        b.body(new ByteArrayInputStream(JSON.writeValueAsBytes(body)));
      }
      return http.execute(b.build());
    } catch (IOException | RuntimeException e) {
      // the transport reports a refused or broken connection as an unchecked exception
      throw new EngineException(request + " failed: " + e.getMessage(), e);
    }
  }

  private static Status status(String request, DockerHttpClient.Response r) {
    String text;
    try {
      byte[] bytes = r.getBody().readNBytes(64 * 1024);
      JsonNode json = bytes.length == 0 ? null : JSON.readTree(bytes);
      text =
          json != null && json.hasNonNull("message")
              ? json.get("message").asText()
              : new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      text = "(no readable body: " + e.getMessage() + ")";
    }
    return new Status(request, r.getStatusCode(), text);
  }

  /** A response body that closes its response. */
  private static final class ResponseStream extends FilterInputStream {
    private final DockerHttpClient.Response response;

    ResponseStream(DockerHttpClient.Response response) {
      super(response.getBody());
      this.response = response;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        response.close();
      }
    }
  }
}
