package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NativeDigestsTest {
  @BeforeAll
  static void installed() {
    // this machine (Debian 12) has libcrypto.so.3: the provider must load here
    assertTrue(NativeDigests.install(), "libcrypto's SHA-256 did not load");
  }

  private static MessageDigest nativeSha() throws Exception {
    return MessageDigest.getInstance("SHA-256", "SplitcheckNative");
  }

  private static MessageDigest jdkSha() throws Exception {
    return MessageDigest.getInstance("SHA-256", "SUN");
  }

  @Test
  void isTheProviderEveryoneGets() throws Exception {
    assertEquals("SplitcheckNative", MessageDigest.getInstance("SHA-256").getProvider().getName());
  }

  @Test
  void hashesLikeTheJdkAtEverySizeAroundBlockAndBufferEdges() throws Exception {
    Random r = new Random(7);
    for (int size :
        new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 16383, 16384, 65535, 65536, 65537, 1 << 20}) {
      byte[] data = new byte[size];
      r.nextBytes(data);
      assertArrayEquals(jdkSha().digest(data), nativeSha().digest(data), "size " + size);
    }
  }

  @Test
  void splitUpdatesAtOffsetsAndSingleBytesGiveTheWholeDigest() throws Exception {
    Random r = new Random(11);
    byte[] data = new byte[300_000];
    r.nextBytes(data);
    MessageDigest n = nativeSha();
    int at = 0;
    while (at < data.length) {
      int len = Math.min(data.length - at, r.nextInt(70_000));
      if (len % 5 == 0 && len > 0) {
        n.update(data[at]); // a single byte now and then
        len = 1;
      } else {
        n.update(data, at, len);
      }
      at += len;
    }
    assertArrayEquals(jdkSha().digest(data), n.digest());
  }

  @Test
  void cloneMidStreamAndResetAreIndependent() throws Exception {
    byte[] a = "first part, ".getBytes();
    byte[] b = new byte[100_000];
    new Random(3).nextBytes(b);
    MessageDigest n = nativeSha();
    n.update(a);
    n.update(b, 0, 70_000); // past the buffer: the native context has started
    MessageDigest copy = (MessageDigest) n.clone();
    n.update(b, 70_000, 30_000);
    MessageDigest j = jdkSha();
    j.update(a);
    j.update(b, 0, 70_000);
    MessageDigest jCopy = (MessageDigest) j.clone();
    j.update(b, 70_000, 30_000);
    assertArrayEquals(j.digest(), n.digest());
    assertArrayEquals(jCopy.digest(), copy.digest());
    n.update(a);
    n.reset();
    n.update(b);
    assertArrayEquals(jdkSha().digest(b), n.digest(), "reset forgets what came before");
    byte[] out = new byte[40];
    n.update(a);
    assertEquals(32, n.digest(out, 8, 32));
    byte[] expected = jdkSha().digest(a);
    for (int i = 0; i < 32; i++) {
      assertEquals(expected[i], out[8 + i]);
    }
  }
}
