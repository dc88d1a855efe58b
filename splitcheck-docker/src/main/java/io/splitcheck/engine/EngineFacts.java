package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of engine answers, from {@code GET /version} and {@code GET /info}: Docker 20.10,
 * Docker 26, Podman (its Docker-compatible API), and its OCI runtime; and which real profile of
 * {@code seccomp-profiles/} is its default.
 *
 * @param kind {@code docker-20.10}, {@code docker-26}, {@code podman}, else {@code docker}
 * @param version the engine's own version ({@code 20.10.24+dfsg1}, {@code 4.3.1})
 * @param runtime the default OCI runtime and its version ({@code runc 1.1.5}, {@code crun 1.8.1}),
 *     or null when the engine does not say
 */
public record EngineFacts(String kind, String version, String runtime) {
  public static final String PODMAN = "podman";
  private static final Pattern VERSION = Pattern.compile("(?:version )?v?([0-9]+(?:\\.[0-9]+)+)");

  /** From the two answers' JSON. */
  public static EngineFacts of(JsonNode version, JsonNode info) {
    JsonNode podman = component(version, "Podman Engine");
    String engineVersion =
        podman != null
            ? podman.path("Version").asText()
            : version.path("Version").asText(info.path("ServerVersion").asText("unknown"));
    String kind = podman != null ? PODMAN : dockerKind(engineVersion);
    String runtimeName = info.path("DefaultRuntime").asText(null);
    return new EngineFacts(kind, engineVersion, runtime(version, runtimeName));
  }

  private static String dockerKind(String version) {
    if (version.startsWith("20.10.")) {
      return "docker-20.10";
    }
    return version.startsWith("26.") ? "docker-26" : "docker";
  }

  /**
   * {@code runc 1.1.5} from Docker's {@code runc} component or Podman's {@code OCI Runtime (crun)}.
   */
  private static String runtime(JsonNode version, String name) {
    if (name == null) {
      return null;
    }
    for (JsonNode c : version.path("Components")) {
      String n = c.path("Name").asText();
      if (n.equals(name) || n.equals("OCI Runtime (" + name + ")")) {
        Matcher m = VERSION.matcher(c.path("Version").asText());
        return m.find() ? name + " " + m.group(1) : name;
      }
    }
    return name;
  }

  private static JsonNode component(JsonNode version, String name) {
    for (JsonNode c : version.path("Components")) {
      if (c.path("Name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The file in {@code seccomp-profiles/} that is this engine's built-in default (Debian's Docker
   * 20.10.24, Docker 26.1, containers-common's for Podman), or null for another engine.
   */
  public String defaultProfileFile() {
    return switch (kind) {
      case "docker-20.10" -> "docker-20.10.24.json";
      case "docker-26" -> "docker-26.1.json";
      case PODMAN -> "podman-containers-common.json";
      default -> null;
    };
  }

  /** Podman's Docker API takes {@code seccomp=} only as a file path, never the profile's JSON. */
  public boolean profilesByPath() {
    return kind.equals(PODMAN);
  }
}
