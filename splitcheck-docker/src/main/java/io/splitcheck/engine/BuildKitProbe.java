package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a docker CLI that builds with BuildKit. Order: the override (option, or the environment
 * variable {@value #ENV}), then {@code docker} on PATH, then {@code /usr/bin/docker}. A client with
 * the buildx plugin uses it; a client older than 23.0 uses its built-in BuildKit builder ({@code
 * DOCKER_BUILDKIT=1}); a 23.0+ client without buildx cannot ("BuildKit is enabled but the buildx
 * component is missing").
 */
public final class BuildKitProbe {
  public static final String ENV = "SPLITCHECK_DOCKER_CLI";
  private static final List<String> DEFAULT_CANDIDATES = List.of("docker", "/usr/bin/docker");

  /** The probes wait on processes: a thread each, daemons, so none holds the JVM open. */
  private static final Executor THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "splitcheck-buildkit-probe");
            t.setDaemon(true);
            return t;
          });

  private BuildKitProbe() {}

  /**
   * @param override a CLI path from the command line, or null
   */
  public static BuildKitClient find(String override) throws EngineException {
    List<String> order = candidates(override);
    Optional<BuildKitClient> remembered = remembered(order);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    BuildKitClient found = probeAll(order);
    ProbeCache.standard().write(order, found);
    return found;
  }

  /**
   * What an earlier probe left: {@code key}, a hash of everything the probe's answer depends on
   * ({@link ProbeCache#key}, for caches of facts that hold only while the client does), and the
   * client it found, while nothing of that changed.
   */
  public record Remembered(String key, Optional<BuildKitClient> client) {}

  /**
   * The key of the probe for these candidates and the client remembered under it ({@link
   * ProbeCache}), the key computed once; no client under SPLITCHECK_RECHECK=1, as for the checks of
   * scripts/splitcheck.
   *
   * @param override a CLI path from the command line, or null
   */
  public static Remembered remembered(String override) {
    ProbeCache cache = ProbeCache.standard();
    String key = cache.key(candidates(override));
    return new Remembered(key, recheck() ? Optional.empty() : cache.readKey(key));
  }

  private static Optional<BuildKitClient> remembered(List<String> candidates) {
    return recheck() ? Optional.empty() : ProbeCache.standard().read(candidates);
  }

  private static boolean recheck() {
    return "1".equals(System.getenv("SPLITCHECK_RECHECK"));
  }

  private static List<String> candidates(String override) {
    Set<String> candidates = new LinkedHashSet<>();
    String env = System.getenv(ENV);
    if (override != null) {
      candidates.add(override);
    } else if (env != null && !env.isBlank()) {
      candidates.add(env);
    } else {
      candidates.addAll(DEFAULT_CANDIDATES);
    }
    return List.copyOf(candidates);
  }

  /** Probes the candidates; the first in order that can build. */
  private static BuildKitClient probeAll(List<String> candidates) throws EngineException {
    // every candidate probed at once (each probe runs two short CLI commands, one asks the engine):
    // the first candidate in order that can build wins, as when they were probed one after another
    List<List<String>> notes = new ArrayList<>();
    List<CompletableFuture<Optional<BuildKitClient>>> probes = new ArrayList<>();
    for (String candidate : candidates) {
      List<String> note = new CopyOnWriteArrayList<>();
      notes.add(note);
      probes.add(CompletableFuture.supplyAsync(() -> probe(candidate, note), THREADS));
    }
    List<String> tried = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      Optional<BuildKitClient> client = probes.get(i).join();
      tried.addAll(notes.get(i));
      if (client.isPresent()) {
        return client.get();
      }
    }
    throw new EngineException(
        "no BuildKit-capable docker client found; tried: "
            + String.join("; ", tried)
            + ". Install Debian's docker.io (its 20.10 client builds with DOCKER_BUILDKIT=1) or the buildx "
            + "plugin, or point --docker-cli / "
            + ENV
            + " at a client that has one");
  }

  static Optional<BuildKitClient> probe(String executable, List<String> tried) {
    CompletableFuture<Boolean> buildx =
        CompletableFuture.supplyAsync(
            () -> run(List.of(executable, "buildx", "version")).isPresent(),
            THREADS); // beside the version
    // the client's own --version: `version --format` asks the engine too (0.3 s more per CLI under
    // load)
    Optional<String> version =
        run(List.of(executable, "--version")).flatMap(BuildKitProbe::clientVersion);
    if (version.isEmpty()) {
      tried.add(executable + ": does not run");
      return Optional.empty();
    }
    if (buildx.join()) {
      return Optional.of(new BuildKitClient(executable, BuildKitClient.Mode.BUILDX, version.get()));
    }
    if (majorVersion(version.get()) < 23) {
      return Optional.of(
          new BuildKitClient(executable, BuildKitClient.Mode.LEGACY_BUILDKIT, version.get()));
    }
    tried.add(
        executable
            + ": client "
            + version.get()
            + " has no buildx plugin and no built-in BuildKit builder");
    return Optional.empty();
  }

  /**
   * {@code Docker version 20.10.24+dfsg1, build 297e128} -> {@code 20.10.24+dfsg1}; empty if not
   * that shape.
   */
  static Optional<String> clientVersion(String versionLine) {
    Matcher m = Pattern.compile("(?i)\\bversion\\s+v?([0-9][^,\\s]*)").matcher(versionLine);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static int majorVersion(String version) {
    String digits = version.replaceFirst("^v", "").split("[.+-]", 2)[0];
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** Output of a short command that exited 0, or empty. */
  private static Optional<String> run(List<String> command) {
    try {
      Path out = TempFolder.file("probe", ".txt");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Optional.empty();
        }
        return p.exitValue() == 0
            ? Optional.of(Files.readString(out, StandardCharsets.UTF_8).trim())
            : Optional.empty();
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
