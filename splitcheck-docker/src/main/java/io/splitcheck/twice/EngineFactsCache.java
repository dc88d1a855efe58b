package io.splitcheck.twice;

import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.CacheKey;
import io.splitcheck.engine.ChecksDirectory;
import io.splitcheck.engine.DockerClients;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code twice} learnt about a local engine the last time (its kind and version), so the next
 * run can start its first build before it has connected: with the BuildKit client the probe
 * remembered ({@link BuildKitProbe#remembered}), which is not kept here. Remembered under a key of
 * what those facts depend on: the engine's socket (its device, inode and change time: a restarted
 * engine makes a new socket), the engine's pid file, and the probe's own key ({@link
 * BuildKitProbe.Remembered#key}: the CLI candidates and the buildx plugin directories,
 * $DOCKER_CONFIG's included), so that another client is other facts. Kept in the {@link
 * ChecksDirectory}, one file per key; only a file this user owns is read. A remote engine ({@code
 * tcp://}) is never cached.
 */
public final class EngineFactsCache {

  /** An engine's kind and version. */
  public record Facts(String kind, String engineVersion) {}

  private final Path dir;
  private final String key;

  private EngineFactsCache(Path dir, String key) {
    this.dir = dir;
    this.key = key;
  }

  /**
   * The cache for this engine and CLI, or empty where its facts cannot be keyed (a remote engine, a
   * socket that is not there).
   *
   * @param host the engine URL (null: DOCKER_HOST, else the local socket)
   * @param clientKey the BuildKit probe's key for the CLI this run builds with ({@link
   *     BuildKitProbe#remembered})
   */
  public static Optional<EngineFactsCache> forClient(String host, String clientKey) {
    return of(host, clientKey, directory());
  }

  /**
   * @param clientKey the BuildKit probe's key for the CLI this run builds with
   * @param dir where the facts are kept
   */
  static Optional<EngineFactsCache> of(String host, String clientKey, Path dir) {
    String url = DockerClients.hostOf(host);
    if (!url.startsWith("unix://")) {
      return Optional.empty();
    }
    Path socket = Path.of(url.substring("unix://".length()));
    List<String> parts = new ArrayList<>(List.of("twice-engine-facts 2", url));
    parts.add(stat(socket, "unix:dev,ino,ctime"));
    if (parts.get(2).isEmpty()) {
      return Optional.empty();
    }
    parts.add(stat(Path.of("/var/run/docker.pid"), "unix:ino,ctime,size"));
    parts.add(clientKey);
    return Optional.of(new EngineFactsCache(dir, digest(String.join("\n", parts))));
  }

  /** The CLI's checks directory ({@link ChecksDirectory}, shared with the probe's own cache). */
  static Path directory() {
    return ChecksDirectory.standard();
  }

  private Path file() {
    return dir.resolve("twice-facts." + key);
  }

  /** The facts remembered under this key, or empty (none, unreadable, not this user's file). */
  public Optional<Facts> read() {
    if ("1".equals(System.getenv("SPLITCHECK_RECHECK"))) {
      return Optional.empty(); // asked to probe again, as for scripts/splitcheck's checks
    }
    Path file = file();
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !uid().equals(String.valueOf(Files.getAttribute(file, "unix:uid")))) {
        return Optional.empty();
      }
      Properties p = new Properties();
      try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
        p.load(r);
      }
      String kind = p.getProperty("kind");
      String version = p.getProperty("version");
      return kind == null || version == null
          ? Optional.empty()
          : Optional.of(new Facts(kind, version));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a cache that cannot be read is a cache miss
    }
  }

  /** Remembers the facts (atomically: a reader sees the old file or the new one); best effort. */
  public void write(Facts facts) {
    Properties p = new Properties();
    p.setProperty("kind", facts.kind());
    p.setProperty("version", facts.engineVersion());
    try {
      Files.createDirectories(dir);
      StringWriter text = new StringWriter();
      p.store(text, null);
      // beside the file (one file system, so the move is a rename), named by this process
      Path tmp = dir.resolve(file().getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // not remembered: the next run probes again
    }
  }

  /** The attributes, as text, or "" when the file is not there. */
  private static String stat(Path file, String attributes) {
    try {
      Map<String, Object> a = Files.readAttributes(file, attributes, LinkOption.NOFOLLOW_LINKS);
      return new TreeMap<>(a).toString();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String uid() {
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return System.getProperty("user.name", "unknown");
    }
  }

  private static String digest(String text) {
    return CacheKey.of(text);
  }
}
