package io.splitcheck.twice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts remembered per engine socket: found again for the same socket, not for a new one. */
class EngineFactsCacheTest {
  @TempDir Path dir;

  private static final EngineFactsCache.Facts FACTS =
      new EngineFactsCache.Facts("docker-20.10", "20.10.24+dfsg1");

  /** BuildKitProbe.clientKey's answer for the CLI a run builds with. */
  private static final String CLIENT = "3f1c0a9e5b7d2c46";

  private ServerSocketChannel socket(Path path) throws Exception {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(path));
    return s;
  }

  @Test
  void factsWritten_areReadBackForTheSameSocket_andNotOnceTheSocketIsMadeAgain() throws Exception {
    Path sock = dir.resolve("engine.sock");
    String host = "unix://" + sock;
    Path cacheDir = dir.resolve("cache");
    try (ServerSocketChannel s = socket(sock)) {
      EngineFactsCache cache = EngineFactsCache.of(host, CLIENT, cacheDir).orElseThrow();
      assertEquals(Optional.empty(), cache.read());
      cache.write(FACTS);
      assertEquals(
          Optional.of(FACTS), EngineFactsCache.of(host, CLIENT, cacheDir).orElseThrow().read());
      // another client (another --docker-cli, or a buildx under $DOCKER_CONFIG): other facts
      assertEquals(
          Optional.empty(),
          EngineFactsCache.of(host, "8e02b4d1c9a7f350", cacheDir).orElseThrow().read());
    }
    Files.delete(sock);
    try (ServerSocketChannel s = socket(sock)) { // the engine restarted: a new socket inode
      assertEquals(
          Optional.empty(), EngineFactsCache.of(host, CLIENT, cacheDir).orElseThrow().read());
    }
  }

  @Test
  void anEngineWithoutALocalSocket_isNotCached() {
    assertTrue(EngineFactsCache.of("tcp://127.0.0.1:2375", CLIENT, dir).isEmpty());
    assertTrue(EngineFactsCache.of("unix://" + dir.resolve("none.sock"), CLIENT, dir).isEmpty());
  }

  @Test
  void aCacheFileThatCannotBeParsed_isAMiss() throws Exception {
    Path sock = dir.resolve("engine.sock");
    try (ServerSocketChannel s = socket(sock)) {
      EngineFactsCache cache = EngineFactsCache.of("unix://" + sock, CLIENT, dir).orElseThrow();
      cache.write(FACTS);
      try (var files = Files.list(dir)) {
        Path written =
            files
                .filter(f -> f.getFileName().toString().startsWith("twice-facts."))
                .findFirst()
                .orElseThrow();
        Files.writeString(written, "mode=SOMETHING\n");
      }
      assertEquals(Optional.empty(), cache.read());
    }
  }
}
