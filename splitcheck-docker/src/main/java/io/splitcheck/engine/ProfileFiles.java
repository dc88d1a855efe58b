package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Seccomp profiles as files for an engine on this host that reads {@code seccomp=PATH} (Podman):
 * named by the sha256 of their content, so one profile is one file, written once, atomically.
 */
final class ProfileFiles {
  private ProfileFiles() {}

  /** The absolute path of {@code json} in {@code dir}, written there unless already present. */
  static String write(Path dir, String json) throws EngineException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Path file = dir.toAbsolutePath().resolve("seccomp-" + sha256(bytes) + ".json");
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "seccomp-", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new EngineException(
          "writing the seccomp profile for the engine to " + file + " failed: " + e.getMessage(),
          e);
    }
    return file.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
