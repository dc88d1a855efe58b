package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Saved images on disk, read with random access: the manifest and configs first, then only the
 * layers whose diffIDs differ between the two images, both files at once. What makes {@code
 * splitcheck diff a.tar b.tar} cheap when most layers are shared.
 */
public final class SavedImageFiles {
  private static final ObjectMapper JSON = Json.mapper();

  private SavedImageFiles() {}

  /**
   * Compares two saved images: layers whose diffIDs are equal are not read; each pair of differing
   * layers is read side by side ({@link PairedLayerReader}: equal files compared byte for byte,
   * only differing or out-of-step files hashed).
   */
  public static ImageComparison compare(Path first, Path second) throws IOException {
    Set<Integer> differing = differingLayers(first, second);
    try (TarFile ta = new TarFile(first);
        TarFile tb = new TarFile(second)) {
      Archive a = new Archive(first, ta);
      Archive b = new Archive(second, tb);
      for (int i = 0; i < Math.max(a.keys.size(), b.keys.size()); i++) {
        if (!differing.contains(i)) {
          a.unparsed(i);
          b.unparsed(i);
        } else if (i < a.keys.size() && i < b.keys.size()) {
          readPair(a, b, i);
        } else {
          (i < a.keys.size() ? a : b).parse(i);
        }
      }
      return new ImageDiffer().compare(a.assemble(), b.assemble());
    }
  }

  /** The files of two saved images on disk, for explaining what differs inside them. */
  public static LayerFiles files(Path first, Path second) {
    return (side, layer, paths, max) -> {
      Path archive = side == 0 ? first : second;
      try (TarFile tar = new TarFile(archive)) {
        Archive a = new Archive(archive, tar);
        if (layer >= a.keys.size()) {
          return Map.of();
        }
        try (InputStream in = a.open(layer)) {
          return PairedLayerReader.contents(in, paths, max);
        }
      }
    };
  }

  private static void readPair(Archive a, Archive b, int i) throws IOException {
    PairedLayerReader.Pair pair;
    try (InputStream in = a.open(i);
        InputStream jn = b.open(i)) {
      pair = PairedLayerReader.read(a.keys.get(i), in, b.keys.get(i), jn);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "Error parsing layer "
              + i
              + " of '"
              + a.source
              + "' and '"
              + b.source
              + "' side by side: "
              + e.getMessage(),
          e);
    }
    a.layers.put(a.keys.get(i), rehashed(a, i, pair.first(), pair.rehashFirst()));
    b.layers.put(b.keys.get(i), rehashed(b, i, pair.second(), pair.rehashSecond()));
  }

  private static LayerSummary rehashed(
      Archive archive, int i, LayerSummary layer, Set<Integer> indexes) throws IOException {
    if (indexes.isEmpty()) {
      return layer;
    }
    try (InputStream in = archive.open(i)) {
      return PairedLayerReader.withDigests(layer, PairedLayerReader.hash(in, indexes));
    }
  }

  /** The old way, kept to check the paired reading against: every differing layer hashed whole. */
  static ImageComparison compareHashingEach(Path first, Path second) throws IOException {
    Set<Integer> differing = differingLayers(first, second);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<SavedImage> fa = pool.submit(() -> read(first, differing));
      Future<SavedImage> fb = pool.submit(() -> read(second, differing));
      String what = "reading " + first + " and " + second;
      return new ImageDiffer().compare(Futures.get(fa, what), Futures.get(fb, what));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Set<Integer> differingLayers(Path first, Path second) throws IOException {
    List<String> a = declaredDiffIds(first);
    List<String> b = declaredDiffIds(second);
    Set<Integer> differing = new HashSet<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
        differing.add(i);
      }
    }
    return differing;
  }

  /**
   * One open saved image: its members, metadata, layer keys in manifest order, layers read so far.
   */
  private static final class Archive {
    final String source;
    final TarFile tar;
    final Map<String, TarArchiveEntry> members;
    final Map<String, byte[]> metadata = new HashMap<>();
    final List<String> keys = new ArrayList<>();
    final Map<String, LayerSummary> layers = new HashMap<>();

    Archive(Path archive, TarFile tar) throws IOException {
      this.source = archive.toString();
      this.tar = tar;
      this.members = members(tar);
      String configName = configName(archive, tar, members);
      metadata.put("manifest.json", bytes(tar, members, "manifest.json"));
      metadata.put(configName, bytes(tar, members, configName));
      for (JsonNode layer : JSON.readTree(metadata.get("manifest.json")).get(0).path("Layers")) {
        String key = ImageArchiveReader.normaliseMemberName(layer.asText());
        if (!members.containsKey(key)) {
          throw new IllegalArgumentException(
              "Error parsing saved image '"
                  + source
                  + "': layer '"
                  + key
                  + "' named by manifest.json is missing");
        }
        keys.add(key);
      }
    }

    InputStream open(int i) throws IOException {
      return tar.getInputStream(members.get(keys.get(i)));
    }

    void unparsed(int i) {
      if (i < keys.size()) {
        String key = keys.get(i);
        layers.put(key, new LayerSummary(key, null, members.get(key).getSize(), List.of()));
      }
    }

    void parse(int i) throws IOException {
      try (InputStream in = open(i)) {
        layers.put(keys.get(i), new ImageArchiveReader().readLayer(source, keys.get(i), in));
      }
    }

    SavedImage assemble() throws IOException {
      return ImageArchiveReader.assemble(source, layers, metadata, false);
    }
  }

  /** The config's {@code rootfs.diff_ids}, read without touching a layer. */
  static List<String> declaredDiffIds(Path archive) throws IOException {
    try (TarFile tar = new TarFile(archive)) {
      Map<String, TarArchiveEntry> members = members(tar);
      JsonNode config = JSON.readTree(bytes(tar, members, configName(archive, tar, members)));
      List<String> out = new ArrayList<>();
      config.path("rootfs").path("diff_ids").forEach(d -> out.add(d.asText()));
      return out;
    }
  }

  /** The image, with entries read only for the layers at {@code parse} (the others have none). */
  public static SavedImage read(Path archive, Set<Integer> parse) throws IOException {
    String source = archive.toString();
    try (TarFile tar = new TarFile(archive)) {
      Map<String, TarArchiveEntry> members = members(tar);
      String configName = configName(archive, tar, members);
      Map<String, byte[]> metadata = new HashMap<>();
      metadata.put("manifest.json", bytes(tar, members, "manifest.json"));
      metadata.put(configName, bytes(tar, members, configName));
      JsonNode manifest = JSON.readTree(metadata.get("manifest.json"));
      Map<String, LayerSummary> layers = new HashMap<>();
      ImageArchiveReader reader = new ImageArchiveReader();
      int index = 0;
      for (JsonNode layer : manifest.get(0).path("Layers")) {
        String key = ImageArchiveReader.normaliseMemberName(layer.asText());
        TarArchiveEntry member = members.get(key);
        if (member == null) {
          throw new IllegalArgumentException(
              "Error parsing saved image '"
                  + source
                  + "': layer '"
                  + key
                  + "' named by manifest.json is missing");
        }
        if (parse.contains(index++)) {
          try (InputStream in = tar.getInputStream(member)) {
            layers.put(key, reader.readLayer(source, key, in));
          }
        } else {
          layers.put(key, new LayerSummary(key, null, member.getSize(), List.of()));
        }
      }
      return ImageArchiveReader.assemble(source, layers, metadata, false);
    }
  }

  private static Map<String, TarArchiveEntry> members(TarFile tar) {
    Map<String, TarArchiveEntry> out = new HashMap<>();
    for (TarArchiveEntry e : tar.getEntries()) {
      out.put(ImageArchiveReader.normaliseMemberName(e.getName()), e);
    }
    return out;
  }

  private static String configName(Path archive, TarFile tar, Map<String, TarArchiveEntry> members)
      throws IOException {
    JsonNode manifest = JSON.readTree(bytes(tar, members, "manifest.json"));
    if (!manifest.isArray() || manifest.isEmpty()) {
      throw new IllegalArgumentException(
          "Error parsing saved image '" + archive + "': manifest.json is not a non-empty array");
    }
    return ImageArchiveReader.normaliseMemberName(manifest.get(0).path("Config").asText(""));
  }

  private static byte[] bytes(TarFile tar, Map<String, TarArchiveEntry> members, String name)
      throws IOException {
    TarArchiveEntry e = members.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "Error parsing saved image '"
              + tar
              + "': no "
              + name
              + " (expected the output of docker save)");
    }
    if (e.getSize() > ImageArchiveReader.MAX_METADATA_BYTES) {
      throw new IllegalArgumentException(
          "Error parsing saved image: "
              + name
              + " is "
              + e.getSize()
              + " bytes, more than a manifest or config can be");
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
