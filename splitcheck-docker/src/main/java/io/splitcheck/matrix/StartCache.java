package io.splitcheck.matrix;

import io.splitcheck.engine.CacheKey;
import io.splitcheck.engine.ChecksDirectory;
import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The fastest container start each engine answered in its last matrix, kept between commands: one
 * small file per engine ({@code start.KEY}, the milliseconds as text; the key a hash of the
 * engine's URL and {@code GET /info} identity) in the {@link ChecksDirectory}. Best effort: a file
 * that cannot be read or written is no measurement, never an error.
 */
public final class StartCache {
  private final Path dir;

  StartCache(Path dir) {
    this.dir = dir;
  }

  /** The cache of this user, where the environment puts it ({@link ChecksDirectory}). */
  public static StartCache standard() {
    return new StartCache(ChecksDirectory.standard());
  }

  /**
   * For each engine its fastest start: measured by this process when it started a container there,
   * else the last run's from the cache.
   */
  public List<OptionalLong> fastestStarts(List<ContainerEngine> engines, List<EngineInfo> infos) {
    List<OptionalLong> out = new ArrayList<>();
    for (int i = 0; i < infos.size(); i++) {
      OptionalLong live =
          i < engines.size() ? engines.get(i).fastestStartMillis() : OptionalLong.empty();
      out.add(live.isPresent() ? live : read(infos.get(i)));
    }
    return out;
  }

  /** The engine's last recorded fastest start; empty when none was recorded or it is unreadable. */
  public OptionalLong read(EngineInfo engine) {
    try {
      return OptionalLong.of(
          Long.parseLong(Files.readString(file(engine), StandardCharsets.UTF_8).trim()));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Records the engines' fastest starts of this process (engines that started none are left). */
  public void record(List<ContainerEngine> engines, List<EngineInfo> infos) {
    for (int i = 0; i < Math.min(engines.size(), infos.size()); i++) {
      OptionalLong ms = engines.get(i).fastestStartMillis();
      if (ms.isPresent() && infos.get(i) != null) {
        write(infos.get(i), ms.getAsLong());
      }
    }
  }

  void write(EngineInfo engine, long millis) {
    try {
      Files.createDirectories(dir);
      Path target = file(engine);
      Path tmp = Files.createTempFile(dir, "start.", ".tmp");
      Files.writeString(tmp, Long.toString(millis), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // a measurement not kept: the next run chooses as on a first run
    }
  }

  Path file(EngineInfo engine) {
    return dir.resolve("start." + key(engine));
  }

  static String key(EngineInfo engine) {
    return CacheKey.of(engine.host() + "\n" + engine.identity());
  }
}
