package io.splitcheck.cli;

import io.splitcheck.engine.BuildKitBuilder;
import io.splitcheck.engine.BuildKitClient;
import io.splitcheck.engine.BuildKitProbe;
import io.splitcheck.engine.BuildRequest;
import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineFacts;
import io.splitcheck.engine.Futures;
import io.splitcheck.twice.EngineFactsCache;
import io.splitcheck.twice.ExportedTwice;
import io.splitcheck.twice.FirstBuild;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What {@code twice} does before its builds: connect to the engine, learn its version and kind,
 * find the BuildKit client. When an earlier run on the same engine socket and docker CLI left their
 * facts ({@link EngineFactsCache}), the first build starts at once, with the connection, the
 * version check and the run's claim in parallel with it; the facts are checked against the engine
 * once it answers, and a build started on facts that no longer hold is discarded (its image
 * removed) and the command goes on as without a cache.
 */
final class TwiceStart {
  private final ConnectedEngine engine;
  private final String engineVersion;
  private final boolean podman;
  private final CompletableFuture<BuildKitClient> probe;
  private final FirstBuild first;

  private TwiceStart(
      ConnectedEngine engine,
      String engineVersion,
      boolean podman,
      CompletableFuture<BuildKitClient> probe,
      FirstBuild first) {
    this.engine = engine;
    this.engineVersion = engineVersion;
    this.podman = podman;
    this.probe = probe;
    this.first = first;
  }

  /**
   * What earlier runs left for an engine and docker CLI: the BuildKit client the probe remembered,
   * and the engine's facts when there is a client ({@code cache}: where they are kept, empty for an
   * engine they cannot be keyed for). Read once per command, from {@code main} when it starts the
   * first build ({@link TwiceAhead}).
   */
  record Remembered(
      Optional<EngineFactsCache> cache,
      Optional<BuildKitClient> client,
      Optional<EngineFactsCache.Facts> known) {
    static Remembered of(String host, String dockerCli) {
      BuildKitProbe.Remembered probe = BuildKitProbe.remembered(dockerCli);
      Optional<EngineFactsCache> cache = EngineFactsCache.forClient(host, probe.key());
      return new Remembered(
          cache,
          probe.client(),
          probe.client().isPresent() ? cache.flatMap(EngineFactsCache::read) : Optional.empty());
    }

    /** Whether the first build may start before the engine answers: Docker's BuildKit known. */
    boolean buildsAhead() {
      return known.isPresent() && TwiceStart.buildsAhead(known.get());
    }

    /** The first build started now, with the remembered client ({@link #buildsAhead} first). */
    FirstBuild startFirst(String host, Path work, BuildRequest request) {
      FirstBuild first =
          FirstBuild.start(
              new BuildKitBuilder(client.orElseThrow(), work, DockerClients.hostOf(host)), request);
      Timings.mark("first-build-started");
      return first;
    }
  }

  /**
   * @param request the first build's request (tagged as the run's first image)
   * @param ahead whether the first build may start before the engine answers (not for --vary)
   * @param started the first build {@code main} started for this request, if it did
   * @param remembered what earlier runs left for this engine and CLI
   */
  static TwiceStart open(
      CommonOptions common,
      BuildOptions build,
      BuildRequest request,
      Path work,
      boolean ahead,
      Optional<FirstBuild> started,
      Remembered remembered)
      throws EngineException {
    Optional<EngineFactsCache> cache = remembered.cache();
    Optional<EngineFactsCache.Facts> known = remembered.known();
    // the probe runs docker CLIs: while they run, the engine connection is opened
    CompletableFuture<BuildKitClient> probe =
        remembered.client().isPresent()
            ? CompletableFuture.completedFuture(remembered.client().get())
            : CompletableFuture.supplyAsync(() -> probe(build.dockerCli));
    FirstBuild first = started.orElse(null); // main started it (TwiceAhead)
    if (first == null && ahead && remembered.buildsAhead()) {
      first = remembered.startFirst(common.dockerHost, work, request);
    }
    Timings.mark("command");
    ConnectedEngine engine = EngineConnection.open(common);
    Timings.mark("engine");
    String version = engine.version();
    Timings.mark("version");
    if (known.isPresent() && known.get().engineVersion().equals(version)) {
      return new TwiceStart(
          engine, version, EngineFacts.PODMAN.equals(known.get().kind()), probe, first);
    }
    if (first != null) { // started on facts that no longer hold: its image goes
      discard(engine, first);
      first = null;
    }
    boolean podman = !ExportedTwice.supports(version) && isPodman(engine);
    Timings.mark("facts");
    TwiceStart start = new TwiceStart(engine, version, podman, probe, null);
    if (cache.isPresent() && !podman && !ExportedTwice.supports(version)) {
      try {
        start.client(); // the probe remembers the client (ProbeCache); none, no facts
        cache.get().write(new EngineFactsCache.Facts("docker", version));
      } catch (EngineException e) {
        // no client: the command says so where it needs one
      }
    }
    return start;
  }

  /** The builds twice can start ahead: Docker's BuildKit, images loaded into its store. */
  static boolean buildsAhead(EngineFactsCache.Facts facts) {
    return !EngineFacts.PODMAN.equals(facts.kind())
        && !ExportedTwice.supports(facts.engineVersion());
  }

  private static boolean isPodman(ConnectedEngine engine) throws EngineException {
    return EngineFacts.PODMAN.equals(engine.facts().kind());
  }

  private static BuildKitClient probe(String dockerCli) {
    try {
      return BuildKitProbe.find(dockerCli);
    } catch (EngineException e) {
      throw new CompletionException(e);
    }
  }

  private static void discard(ConnectedEngine engine, FirstBuild first) {
    try {
      first.await();
    } catch (EngineException | RuntimeException e) {
      return; // nothing built
    }
    try {
      engine.images().remove(first.tag());
    } catch (EngineException e) {
      // the engine refused: what the run's own error says next is what the user acts on
    }
  }

  ConnectedEngine engine() {
    return engine;
  }

  String engineVersion() {
    return engineVersion;
  }

  boolean podman() {
    return podman;
  }

  /** The first build started ahead, or empty. */
  Optional<FirstBuild> first() {
    return Optional.ofNullable(first);
  }

  /**
   * A first build started ahead that the run never took (it failed before building): awaited and
   * its image removed, so nothing of the run is left untracked.
   */
  void discardUntaken() {
    if (first != null && !first.taken()) {
      discard(engine, first);
    }
  }

  BuildKitClient client() throws EngineException {
    return Futures.join(probe);
  }
}
