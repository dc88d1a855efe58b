package io.splitcheck.engine;

import io.splitcheck.k8s.ImageFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The first entry of {@code GET /containers/ID/archive?path=P}: the engine tars the path as its
 * layers hold it, owner, mode and the {@code security.capability} xattr (a PAX {@code
 * SCHILY.xattr.} record) included. Only the first header is read; the rest is not streamed.
 */
final class ImageFileStat {
  static final String CAPABILITY_PAX = "SCHILY.xattr.security.capability";

  private ImageFileStat() {}

  static Optional<ImageFile> read(EngineApi api, String containerId, String path)
      throws EngineException {
    String request =
        "/containers/"
            + containerId
            + "/archive?path="
            + URLEncoder.encode(path, StandardCharsets.UTF_8);
    InputStream in;
    try {
      in = api.stream(request);
    } catch (EngineApi.Status e) {
      if (e.notFound()) {
        return Optional.empty();
      }
      throw e;
    }
    try (in;
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e = tar.getNextEntry();
      if (e == null) {
        return Optional.empty();
      }
      String cap = e.getExtraPaxHeaders().get(CAPABILITY_PAX);
      byte[] capBytes = cap == null ? null : cap.getBytes(StandardCharsets.UTF_8);
      return Optional.of(
          new ImageFile(
              path,
              e.getLongUserId(),
              e.getLongGroupId(),
              e.getMode() & 07777,
              e.isDirectory(),
              capBytes));
    } catch (IOException e) {
      throw new EngineException("GET " + request + " failed: " + e.getMessage(), e);
    }
  }
}
