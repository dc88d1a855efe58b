package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code docker save} archive (the classic layout and the OCI layout both) in one streaming
 * pass. Each layer is read entry by entry and never held in memory: memory grows with the number of
 * entries, not with bytes. Small JSON members (manifest, configs) are kept until the manifest says
 * which is which.
 */
public final class ImageArchiveReader {
  /** A non-layer member larger than this is skipped: manifests and configs are far smaller. */
  static final long MAX_METADATA_BYTES = 32L << 20;

  private static final ObjectMapper JSON = Json.mapper();

  private final LayerContentVisitor visitor;
  private final boolean verifyDiffIds;

  /**
   * @param verifyDiffIds hash every layer tar and check it against the config's {@code
   *     rootfs.diff_ids} (for archives from a stranger); off, the config's diffIDs are taken as
   *     they are (an engine's own {@code docker save} wrote them), which halves the hashing
   */
  public ImageArchiveReader(LayerContentVisitor visitor, boolean verifyDiffIds) {
    this.visitor = visitor;
    this.verifyDiffIds = verifyDiffIds;
  }

  public ImageArchiveReader(LayerContentVisitor visitor) {
    this(visitor, false);
  }

  public ImageArchiveReader() {
    this(LayerContentVisitor.NONE);
  }

  public SavedImage read(Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      return read(in, archive.toString());
    }
  }

  /**
   * @param source names the archive in error messages
   * @throws IllegalArgumentException when the archive is not a saved image
   */
  public SavedImage read(InputStream archive, String source) throws IOException {
    Map<String, LayerSummary> layers = new HashMap<>();
    Map<String, byte[]> metadata = new HashMap<>();
    TarArchiveInputStream outer = new TarArchiveInputStream(archive);
    TarArchiveEntry member;
    while ((member = outer.getNextEntry()) != null) {
      if (!member.isFile()) {
        continue;
      }
      String name = normaliseMemberName(member.getName());
      BufferedInputStream body = new BufferedInputStream(outer, 1 << 16);
      // docker save: <id>/layer.tar or OCI blobs/; Podman's docker-archive: <digest>.tar at the
      // root
      if (name.endsWith("layer.tar")
          || (isBlob(name, member) || name.endsWith(".tar")) && looksLikeTar(body)) {
        layers.put(name, readLayer(source, name, body));
      } else if (member.getSize() <= MAX_METADATA_BYTES) {
        metadata.put(name, body.readAllBytes());
      }
    }
    return assemble(source, layers, metadata, verifyDiffIds);
  }

  LayerSummary readLayer(String source, String name, InputStream body) throws IOException {
    LayerTarReader reader = new LayerTarReader(name, visitor, verifyDiffIds);
    try {
      return reader.read(body);
    } catch (IOException | RuntimeException e) {
      String after =
          reader.lastPath == null ? "at its first entry" : "after entry '" + reader.lastPath + "'";
      throw new IOException(
          "Error parsing layer '" + name + "' of '" + source + "' " + after + ": " + e.getMessage(),
          e);
    }
  }

  /** The entries of one tar (a layer, or a tar found inside a file), regular files hashed. */
  public static LayerSummary readTar(InputStream tar, String name) throws IOException {
    return new LayerTarReader(name, LayerContentVisitor.NONE, false).read(tar);
  }

  static SavedImage assemble(
      String source, Map<String, LayerSummary> layers, Map<String, byte[]> metadata, boolean verify)
      throws IOException {
    byte[] manifestBytes = metadata.get("manifest.json");
    if (manifestBytes == null) {
      throw new IllegalArgumentException(
          "Error parsing saved image '"
              + source
              + "': no manifest.json (expected the output of docker save)");
    }
    JsonNode manifest = JSON.readTree(manifestBytes);
    if (!manifest.isArray() || manifest.size() == 0) {
      throw new IllegalArgumentException(
          "Error parsing saved image '" + source + "': manifest.json is not a non-empty array");
    }
    JsonNode image = manifest.get(0);
    String configName = normaliseMemberName(image.path("Config").asText(""));
    byte[] configBytes = metadata.get(configName);
    if (configBytes == null) {
      throw new IllegalArgumentException(
          "Error parsing saved image '"
              + source
              + "': config '"
              + configName
              + "' named by manifest.json is missing");
    }
    JsonNode config = JSON.readTree(configBytes);
    JsonNode declared = config.path("rootfs").path("diff_ids");
    List<LayerSummary> ordered = new ArrayList<>();
    int index = 0;
    for (JsonNode layer : image.path("Layers")) {
      String key = normaliseMemberName(layer.asText());
      LayerSummary summary = layers.get(key);
      if (summary == null) {
        throw new IllegalArgumentException(
            "Error parsing saved image '"
                + source
                + "': layer '"
                + key
                + "' named by manifest.json is missing");
      }
      String diffId = declared.path(index++).asText("");
      if (diffId.isEmpty() && summary.diffId() == null) {
        throw new IllegalArgumentException(
            "Error parsing saved image '"
                + source
                + "': the config declares no "
                + "rootfs.diff_ids["
                + (index - 1)
                + "] for layer '"
                + key
                + "'");
      }
      if (verify
          && !diffId.isEmpty()
          && summary.diffId() != null
          && !diffId.equals(summary.diffId())) {
        throw new IllegalArgumentException(
            "Error parsing saved image '"
                + source
                + "': layer '"
                + key
                + "' hashes to "
                + summary.diffId()
                + " but the config declares "
                + diffId);
      }
      ordered.add(
          new LayerSummary(
              key,
              diffId.isEmpty() ? summary.diffId() : diffId,
              summary.tarBytes(),
              summary.entries()));
    }
    List<String> tags = new ArrayList<>();
    image.path("RepoTags").forEach(t -> tags.add(t.asText()));
    return new SavedImage("sha256:" + sha256(configBytes), config, ordered, tags);
  }

  private static boolean isBlob(String name, TarArchiveEntry member) {
    return name.startsWith("blobs/") && member.getSize() >= 1024;
  }

  /** A tar header has "ustar" at offset 257; a gzip stream starts 1f 8b. */
  private static boolean looksLikeTar(BufferedInputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return true;
    }
    boolean allZero = true;
    for (byte b : head) {
      allZero &= b == 0;
    }
    return head.length == 512
        && (allZero
            || head[257] == 'u'
                && head[258] == 's'
                && head[259] == 't'
                && head[260] == 'a'
                && head[261] == 'r');
  }

  static String normaliseMemberName(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
