package io.splitcheck.cli;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.DockerContainerEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The engines a command spreads its containers over, each pinged and described ({@code GET /info}). */
record Engines(List<ContainerEngine> engines, List<EngineInfo> infos) {
  Engines {
    engines = List.copyOf(engines);
    infos = List.copyOf(infos);
  }

  /** Connecting in the background; {@link #await} returns the engines or throws the first failure. */
  static final class Pending {
    private final CompletableFuture<Engines> future;

    private Pending(CompletableFuture<Engines> future) {
      this.future = future;
    }

    Engines await() throws EngineException {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof EngineException ee) {
          throw ee;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw e;
      }
    }
  }

  /** @param hosts engine URLs, in order (a null stands for DOCKER_HOST, else the local socket) */
  static Pending connect(List<String> hosts) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(hosts));
    if (distinct.size() != hosts.size()) {
      throw new IllegalArgumentException("--engine " + hosts + ": an engine is given twice");
    }
    return new Pending(CompletableFuture.supplyAsync(() -> {
      try {
        return open(hosts);
      } catch (EngineException e) {
        throw new CompletionException(e);
      }
    }));
  }

  static Engines open(List<String> hosts) throws EngineException {
    List<ContainerEngine> engines = new ArrayList<>();
    List<EngineInfo> infos = new ArrayList<>();
    for (String host : hosts) {
      DockerContainerEngine engine = new DockerContainerEngine(EngineConnection.open(host),
          DockerClients.hostOf(host));
      engines.add(engine);
      infos.add(engine.info());
    }
    return new Engines(engines, infos);
  }
}
