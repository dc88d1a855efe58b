package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The docker CLI {@link BuildKitProbe} found, remembered between commands (the probe runs four CLI
 * processes, 1-2 s on a loaded machine, on every {@code run}, {@code twice} and {@code audit}).
 * Kept in the {@link ChecksDirectory} under a key of what the answer depends on, read without
 * starting a process: the candidates, each one's resolved file (through {@code PATH}) with its size
 * and modification time, and the directories the CLI looks for its buildx plugin in ({@code
 * $DOCKER_CONFIG} or {@code ~/.docker}, and the system ones), each with its {@code docker-buildx}.
 * The one list of those directories: {@code twice}'s engine facts are keyed by this key too. A new
 * or replaced client or plugin is a new key, so the probe runs again. Best effort: an unreadable
 * entry is no entry.
 */
final class ProbeCache {
  private static final List<String> SYSTEM_PLUGIN_DIRS =
      List.of(
          "/usr/local/lib/docker/cli-plugins",
          "/usr/local/libexec/docker/cli-plugins",
          "/usr/lib/docker/cli-plugins",
          "/usr/libexec/docker/cli-plugins");
  private final Path dir;
  private final Map<String, String> env;

  ProbeCache(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  static ProbeCache standard() {
    return new ProbeCache(ChecksDirectory.standard(), System.getenv());
  }

  Optional<BuildKitClient> read(List<String> candidates) {
    return readKey(key(candidates));
  }

  /** The client remembered under {@code key} ({@link #key}), or empty. */
  Optional<BuildKitClient> readKey(String key) {
    try {
      String[] f = Files.readString(file(key), StandardCharsets.UTF_8).split("\t", -1);
      return f.length == 3
          ? Optional.of(new BuildKitClient(f[0], BuildKitClient.Mode.valueOf(f[1]), f[2].trim()))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  void write(List<String> candidates, BuildKitClient client) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "buildkit.", ".tmp");
      Files.writeString(
          tmp,
          client.executable() + "\t" + client.mode() + "\t" + client.clientVersion() + "\n",
          StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file(candidates),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp); // not remembered: the next command probes again
    }
  }

  Path file(List<String> candidates) {
    return file(key(candidates));
  }

  private Path file(String key) {
    return dir.resolve("buildkit." + key);
  }

  /** A hash of everything the probe's answer depends on that can be read without a process. */
  String key(List<String> candidates) {
    List<String> parts = new ArrayList<>();
    for (String c : candidates) {
      parts.add(c + " " + describe(resolve(c)));
    }
    String config = env.get("DOCKER_CONFIG");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    List<String> pluginDirs = new ArrayList<>();
    pluginDirs.add(
        (config != null && !config.isBlank() ? config : home + "/.docker") + "/cli-plugins");
    pluginDirs.addAll(SYSTEM_PLUGIN_DIRS);
    for (String d : pluginDirs) {
      parts.add(d + " " + describe(Path.of(d)) + " " + describe(Path.of(d, "docker-buildx")));
    }
    return CacheKey.of(String.join("\n", parts));
  }

  /** The file a command name runs: itself when it has a slash, else the first on PATH. */
  Path resolve(String executable) {
    if (executable.contains("/")) {
      return Path.of(executable);
    }
    for (String d : env.getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, executable);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return Path.of("/nonexistent", executable);
  }

  private static String describe(Path p) {
    try {
      return p.toRealPath() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
    } catch (IOException | RuntimeException e) {
      return "absent";
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a stray temporary file in the checks directory
    }
  }
}
