package io.splitcheck.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.diff.LayerSummary;
import io.splitcheck.diff.SavedImage;
import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link ImageView} from layers of entries, running file bytes through the real
 * collector.
 */
final class ImageFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<LayerSummary> layers = new ArrayList<>();
  private final List<FileEntry> current = new ArrayList<>();
  private final ObjectNode config = JSON.createObjectNode();
  private final ArrayNode history = config.putArray("history");
  private final ImageContentCollector collector = new ImageContentCollector();
  private String key;

  static ImageFixture image() {
    return new ImageFixture();
  }

  ImageFixture layer(String createdBy) {
    flush();
    key = "layer" + layers.size() + "/layer.tar";
    history.addObject().put("created_by", createdBy);
    return this;
  }

  ImageFixture emptyLayerStep(String createdBy) {
    history.addObject().put("created_by", createdBy).put("empty_layer", true);
    return this;
  }

  ImageFixture file(String path, byte[] content) {
    FileEntry e = entry(path, EntryType.FILE, content.length, null);
    try {
      collector.visitFile(key, e, new ByteArrayInputStream(content));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    current.add(e);
    return this;
  }

  ImageFixture file(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  ImageFixture file(String path, long size) {
    current.add(entry(path, EntryType.FILE, size, null));
    return this;
  }

  ImageFixture dir(String path) {
    current.add(entry(path, EntryType.DIRECTORY, 0, null));
    return this;
  }

  ImageFixture symlink(String path, String target) {
    current.add(entry(path, EntryType.SYMLINK, 0, target));
    return this;
  }

  ImageFixture hardlink(String path, String target) {
    current.add(entry(path, EntryType.HARDLINK, 0, target));
    return this;
  }

  ImageFixture whiteout(String path) {
    current.add(entry(path, EntryType.WHITEOUT, 0, null));
    return this;
  }

  ImageFixture opaque(String dir) {
    current.add(entry(dir, EntryType.OPAQUE_WHITEOUT, 0, null));
    return this;
  }

  ImageFixture env(String... kv) {
    ArrayNode env = ((ObjectNode) config.with("config")).putArray("Env");
    for (String s : kv) {
      env.add(s);
    }
    return this;
  }

  ImageFixture entrypoint(String... argv) {
    ArrayNode a = ((ObjectNode) config.with("config")).putArray("Entrypoint");
    for (String s : argv) {
      a.add(s);
    }
    return this;
  }

  /**
   * A captured image config instead of the one made from the steps given (its history and {@code
   * rootfs.diff_ids} then name the layers).
   */
  ImageFixture config(com.fasterxml.jackson.databind.JsonNode captured) {
    config.removeAll();
    config.setAll((ObjectNode) captured);
    return this;
  }

  ImageView build() {
    flush();
    SavedImage saved = new SavedImage("sha256:fixture", config, layers, List.of("fixture:latest"));
    return new ImageView("fixture:latest", saved, collector.facts());
  }

  private void flush() {
    if (key != null) {
      layers.add(new LayerSummary(key, "sha256:" + key, 0, current));
      current.clear();
      key = null;
    }
  }

  private FileEntry entry(String path, EntryType type, long size, String link) {
    if (key == null) {
      throw new IllegalStateException("call layer(..) first");
    }
    return new FileEntry(
        current.size(), path, type, size, null, 0755, 0, 0, Instant.EPOCH, link, Map.of());
  }

  /** Findings of one rule id. */
  static List<Finding> only(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).sorted().toList();
  }
}
