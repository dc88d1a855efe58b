package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.splitcheck.engine.ContainerEngine;
import io.splitcheck.engine.EngineInfo;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCacheTest {
  private static final EngineInfo ENGINE =
      new EngineInfo("unix:///var/run/docker.sock", "20.10.24", "default", 2, "ID A, name x");
  private static final EngineInfo OTHER =
      new EngineInfo("unix:///tmp/second.sock", "20.10.24", "default", 2, "ID B, name y");

  @TempDir Path dir;

  @Test
  void read_returnsWhatTheLastRunRecorded_perEngine() {
    StartCache cache = new StartCache(dir);
    cache.record(List.of(engine(OptionalLong.of(1830))), List.of(ENGINE));

    assertEquals(OptionalLong.of(1830), cache.read(ENGINE));
    assertEquals(OptionalLong.empty(), cache.read(OTHER));
  }

  @Test
  void record_leavesAnEngineThatStartedNothing() {
    StartCache cache = new StartCache(dir);
    cache.write(ENGINE, 250);
    cache.record(List.of(engine(OptionalLong.empty())), List.of(ENGINE));

    assertEquals(OptionalLong.of(250), cache.read(ENGINE));
  }

  @Test
  void fastestStarts_preferThisProcessesMeasurement_overTheCachedOne() {
    StartCache cache = new StartCache(dir);
    cache.write(ENGINE, 4000);
    cache.write(OTHER, 300);

    List<OptionalLong> starts =
        cache.fastestStarts(
            List.of(engine(OptionalLong.of(450)), engine(OptionalLong.empty())),
            List.of(ENGINE, OTHER));

    assertEquals(List.of(OptionalLong.of(450), OptionalLong.of(300)), starts);
  }

  @Test
  void read_isNoMeasurement_whenTheFileIsNotANumber() throws Exception {
    StartCache cache = new StartCache(dir);
    Files.writeString(cache.file(ENGINE), "fast\n");

    assertEquals(OptionalLong.empty(), cache.read(ENGINE));
  }

  @Test
  void key_differsBetweenEngines_andIsStableForOne() {
    assertEquals(StartCache.key(ENGINE), StartCache.key(ENGINE));
    assertNotEquals(StartCache.key(ENGINE), StartCache.key(OTHER));
  }

  /** An engine whose only answer is its fastest start (every other call is not expected). */
  private static ContainerEngine engine(OptionalLong fastest) {
    return (ContainerEngine)
        Proxy.newProxyInstance(
            ContainerEngine.class.getClassLoader(),
            new Class<?>[] {ContainerEngine.class},
            (proxy, method, args) -> {
              if (method.getName().equals("fastestStartMillis")) {
                return fastest;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
