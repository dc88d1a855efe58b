package io.splitcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Saved images on disk, read with random access: the manifest and configs first, then only the layers
 * whose diffIDs differ between the two images, both files at once. What makes {@code splitcheck diff
 * a.tar b.tar} cheap when most layers are shared.
 */
public final class SavedImageFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedImageFiles() {}

  public static ImageComparison compare(Path first, Path second) throws IOException {
    List<String> a = declaredDiffIds(first);
    List<String> b = declaredDiffIds(second);
    Set<Integer> differing = new HashSet<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
        differing.add(i);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<SavedImage> fa = pool.submit(() -> read(first, differing));
      Future<SavedImage> fb = pool.submit(() -> read(second, differing));
      return new ImageDiffer().compare(fa.get(), fb.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + first + " and " + second, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
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
          throw new IllegalArgumentException("Error parsing saved image '" + source + "': layer '" + key
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
      throw new IllegalArgumentException("Error parsing saved image '" + archive
          + "': manifest.json is not a non-empty array");
    }
    return ImageArchiveReader.normaliseMemberName(manifest.get(0).path("Config").asText(""));
  }

  private static byte[] bytes(TarFile tar, Map<String, TarArchiveEntry> members, String name) throws IOException {
    TarArchiveEntry e = members.get(name);
    if (e == null) {
      throw new IllegalArgumentException("Error parsing saved image '" + tar + "': no " + name
          + " (expected the output of docker save)");
    }
    if (e.getSize() > ImageArchiveReader.MAX_METADATA_BYTES) {
      throw new IllegalArgumentException("Error parsing saved image: " + name + " is " + e.getSize()
          + " bytes, more than a manifest or config can be");
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
