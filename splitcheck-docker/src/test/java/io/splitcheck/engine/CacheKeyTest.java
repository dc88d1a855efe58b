package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  @Test
  void theFirstHalfIsFnv1a64OfTheUtf8Bytes() {
    // FNV-1a 64 of "a" is af63dc4c8601ec8c (the published test vector)
    assertTrue(CacheKey.of("a").startsWith("af63dc4c8601ec8c"), CacheKey.of("a"));
    assertEquals("cbf29ce484222325", CacheKey.of("").substring(0, 16), "the empty text: the basis");
  }

  @Test
  void isStableAndTellsNearTextsApart() {
    assertEquals(
        CacheKey.of("unix:///var/run/docker.sock\n1 2 3"),
        CacheKey.of("unix:///var/run/docker.sock\n1 2 3"));
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String k = CacheKey.of("/usr/bin/docker 1234 " + i);
      assertEquals(32, k.length());
      keys.add(k);
    }
    assertEquals(20_000, keys.size());
    assertNotEquals(CacheKey.of("ab"), CacheKey.of("ba"));
    assertNotEquals(CacheKey.of("é"), CacheKey.of("e"));
  }
}
