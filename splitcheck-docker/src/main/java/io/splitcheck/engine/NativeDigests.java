package io.splitcheck.engine;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.security.DigestException;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

/**
 * SHA-256 from the system's libcrypto (OpenSSL 3, through JNA), offered as a JCA provider ahead of
 * the JDK's, so every {@code MessageDigest.getInstance("SHA-256")} of the process gets it. The
 * JDK's SHA-256 is fast only once C2 has compiled it (its intrinsic); the commands that mostly wait
 * on the engine run with C1 alone, where it hashes at a fraction of the speed (a twice of an apt
 * build: 1.4-1.6 s to compare with C1, 0.45-0.53 s with C2, whose compiles cost 1.4 s of CPU during
 * the builds). libcrypto uses the CPU's SHA instructions at any JIT level. Without libcrypto
 * nothing is installed and the JDK's provider serves as before.
 */
public final class NativeDigests extends Provider {
  private static final long serialVersionUID = 1L;
  private static final Cleaner CLEANER = Cleaner.create();

  /** Direct-mapped: an update is one call; a {@code Library} proxy costs several times more. */
  private static final class LibCrypto {
    static {
      Native.register("crypto");
    }

    static native Pointer EVP_sha256();

    static native Pointer EVP_MD_CTX_new();

    static native void EVP_MD_CTX_free(Pointer ctx);

    static native int EVP_DigestInit_ex(Pointer ctx, Pointer type, Pointer engine);

    static native int EVP_DigestUpdate(Pointer ctx, byte[] data, long count);

    static native int EVP_DigestFinal_ex(Pointer ctx, byte[] md, Pointer size);

    static native int EVP_MD_CTX_copy_ex(Pointer out, Pointer in);
  }

  private static volatile Boolean available;

  private NativeDigests() {
    super("SplitcheckNative", "1.0", "SHA-256 through the system's libcrypto");
    putService(
        new Service(this, "MessageDigest", "SHA-256", Sha256.class.getName(), null, null) {
          @Override
          public Object newInstance(Object constructorParameter) {
            return new Sha256();
          }
        });
  }

  /**
   * Installs the provider first in the list when libcrypto loads and hashes the standard test
   * vector right; returns whether it did. Idempotent.
   */
  public static synchronized boolean install() {
    if (available == null) {
      available = loads();
      if (available) {
        Security.insertProviderAt(new NativeDigests(), 1);
      }
    }
    return available;
  }

  private static boolean loads() {
    try {
      Sha256 d = new Sha256();
      d.engineUpdate("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 3);
      return java.util.HexFormat.of()
          .formatHex(d.engineDigest())
          .equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    } catch (LinkageError | IllegalStateException e) {
      return false;
    }
  }

  /**
   * One SHA-256 context in native memory, freed when the digest is collected. Small updates are
   * gathered in a Java buffer first: a call into libcrypto costs about what hashing a few hundred
   * bytes does.
   */
  static final class Sha256 extends MessageDigestSpi implements Cloneable {
    private static final int BUFFER = 64 * 1024;
    private Context ctx = new Context();
    private byte[] pending = new byte[BUFFER];
    private int used;
    private boolean started;

    /** The native context and its release; a clone gets a copy of its own. */
    private static final class Context implements Runnable {
      final Pointer p;

      Context() {
        p = LibCrypto.EVP_MD_CTX_new();
        if (p == null) {
          throw new IllegalStateException("EVP_MD_CTX_new failed");
        }
      }

      @Override
      public void run() {
        LibCrypto.EVP_MD_CTX_free(p);
      }
    }

    Sha256() {
      CLEANER.register(this, ctx);
    }

    private void start() {
      if (!started) {
        check(LibCrypto.EVP_DigestInit_ex(ctx.p, LibCrypto.EVP_sha256(), null), "init");
        started = true;
      }
    }

    private static void check(int ok, String what) {
      if (ok != 1) {
        throw new IllegalStateException("libcrypto SHA-256 " + what + " failed");
      }
    }

    private void flush() {
      start();
      if (used > 0) {
        check(LibCrypto.EVP_DigestUpdate(ctx.p, pending, used), "update");
        used = 0;
      }
    }

    @Override
    protected int engineGetDigestLength() {
      return 32;
    }

    @Override
    protected void engineUpdate(byte input) {
      if (used == BUFFER) {
        flush();
      }
      pending[used++] = input;
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      if (len <= 0) {
        return;
      }
      if (used + len <= BUFFER && len < BUFFER / 4) {
        System.arraycopy(input, offset, pending, used, len);
        used += len;
        return;
      }
      flush();
      byte[] data = offset == 0 ? input : Arrays.copyOfRange(input, offset, offset + len);
      check(LibCrypto.EVP_DigestUpdate(ctx.p, data, len), "update");
    }

    @Override
    protected byte[] engineDigest() {
      flush();
      byte[] out = new byte[32];
      check(LibCrypto.EVP_DigestFinal_ex(ctx.p, out, null), "final");
      started = false;
      return out;
    }

    @Override
    protected int engineDigest(byte[] buf, int offset, int len) throws DigestException {
      if (len < 32) {
        throw new DigestException("SHA-256 needs 32 bytes, " + len + " given");
      }
      System.arraycopy(engineDigest(), 0, buf, offset, 32);
      return 32;
    }

    @Override
    protected void engineReset() {
      used = 0;
      started = false;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
      Sha256 c = (Sha256) super.clone();
      c.ctx = new Context();
      CLEANER.register(c, c.ctx);
      c.pending = pending.clone();
      if (started) {
        check(LibCrypto.EVP_MD_CTX_copy_ex(c.ctx.p, ctx.p), "copy");
      }
      return c;
    }
  }
}
