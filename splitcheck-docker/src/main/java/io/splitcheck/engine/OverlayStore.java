package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.engine.ImageStore.StoredLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds an image in the engine's overlay2 store on this host from its inspection ({@code
 * GraphDriver}): the layer directories ({@code LowerDir} lists them top first, {@code UpperDir} is
 * the top one) and the config file under {@code <root>/image/overlay2/imagedb/content/sha256/}. The
 * config's sha256 must be the image's id, so an engine whose files are elsewhere (another host, a
 * VM behind a forwarded socket, another mount namespace) is never mistaken for this one.
 */
final class OverlayStore {
  private OverlayStore() {}

  static Optional<StoredLayers> layers(JsonNode inspection) {
    JsonNode driver = inspection.path("GraphDriver");
    String id = inspection.path("Id").asText("");
    String upper = driver.path("Data").path("UpperDir").asText("");
    if (!"overlay2".equals(driver.path("Name").asText())
        || !id.startsWith("sha256:")
        || upper.isEmpty()) {
      return Optional.empty();
    }
    List<Path> dirs = new ArrayList<>();
    String lower = driver.path("Data").path("LowerDir").asText("");
    if (!lower.isEmpty()) {
      for (String d : lower.split(":")) {
        dirs.add(Path.of(d));
      }
      Collections.reverse(dirs);
    }
    dirs.add(Path.of(upper));
    // <root>/overlay2/<cache id>/diff -> <root>
    Path root = Path.of(upper).getParent().getParent().getParent();
    Path config = root.resolve("image/overlay2/imagedb/content/sha256").resolve(id.substring(7));
    try {
      if (!Files.isReadable(config) || !dirs.stream().allMatch(Files::isDirectory)) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(config);
      if (!id.equals(
          "sha256:"
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))) {
        return Optional.empty();
      }
      List<String> tags = new ArrayList<>();
      inspection.path("RepoTags").forEach(t -> tags.add(t.asText()));
      return Optional.of(new StoredLayers(id, bytes, dirs, tags));
    } catch (IOException | SecurityException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }
}
