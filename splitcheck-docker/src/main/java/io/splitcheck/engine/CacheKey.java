package io.splitcheck.engine;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The name of a cache file kept between commands (the BuildKit probe's answer, twice's engine
 * facts, the engine's start time): 128 bits of two 64-bit FNV-1a hashes of the text's UTF-8 bytes,
 * as 32 hex digits. Not a cryptographic digest, and it need not be one: the text is this machine's
 * own (paths, sizes, mtimes, an engine's identity), and a key only names a file whose content is
 * checked where it matters. It is computed before a command's first engine call, where the JDK's
 * first {@code MessageDigest} (its security providers loaded and initialised, 40 ms here) would
 * delay the call.
 */
public final class CacheKey {
  private static final long PRIME = 0x100000001b3L;

  private CacheKey() {}

  public static String of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    long a = 0xcbf29ce484222325L; // FNV-1a's offset basis
    long b = 0x84222325cbf29ce4L; // a second basis: the two hashes differ from the first byte
    for (byte x : bytes) {
      a = (a ^ (x & 0xff)) * PRIME;
      b = (b ^ (x & 0xff)) * PRIME;
      b ^= b >>> 29; // mixed differently, so that the two do not collide together
    }
    return HexFormat.of().toHexDigits(a) + HexFormat.of().toHexDigits(b);
  }
}
