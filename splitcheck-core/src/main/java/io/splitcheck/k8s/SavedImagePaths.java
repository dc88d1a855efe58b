package io.splitcheck.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The origin of some paths ({@link PathOrigin}) from a {@code docker save} stream (classic or OCI
 * layout) in one pass: every layer's tar headers are read, never its contents, and the manifest
 * orders the layers once it arrives.
 */
public final class SavedImagePaths {
  private static final ObjectMapper JSON = Json.mapper();
  private static final long MAX_METADATA_BYTES = 4L << 20;

  private SavedImagePaths() {}

  /**
   * @param source names the stream in error messages
   */
  public static Map<String, PathOrigin> read(
      InputStream saved, String source, Collection<String> paths) throws IOException {
    Map<String, LayerPathScan> layers = new HashMap<>();
    Map<String, byte[]> metadata = new HashMap<>();
    TarArchiveInputStream outer = new TarArchiveInputStream(saved);
    TarArchiveEntry member;
    while ((member = outer.getNextEntry()) != null) {
      if (!member.isFile()) {
        continue;
      }
      String name =
          member.getName().startsWith("./") ? member.getName().substring(2) : member.getName();
      BufferedInputStream body = new BufferedInputStream(outer, 1 << 16);
      if (name.endsWith("layer.tar") || name.startsWith("blobs/") && tarOrGzip(body)) {
        layers.put(name, scan(body, paths));
      } else if (member.getSize() <= MAX_METADATA_BYTES) {
        metadata.put(name, body.readAllBytes());
      }
    }
    return assemble(source, layers, metadata, paths);
  }

  private static LayerPathScan scan(BufferedInputStream body, Collection<String> paths)
      throws IOException {
    body.mark(2);
    int b0 = body.read();
    int b1 = body.read();
    body.reset();
    InputStream in = b0 == 0x1f && b1 == 0x8b ? new GzipCompressorInputStream(body) : body;
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    LayerPathScan scan = new LayerPathScan(paths);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      scan.accept(e.getName(), e.getLongUserId(), e.getLongGroupId(), e.getMode());
    }
    return scan;
  }

  private static Map<String, PathOrigin> assemble(
      String source,
      Map<String, LayerPathScan> layers,
      Map<String, byte[]> metadata,
      Collection<String> paths)
      throws IOException {
    byte[] manifestBytes = metadata.get("manifest.json");
    if (manifestBytes == null) {
      throw new IllegalArgumentException(
          "Error parsing saved image '"
              + source
              + "': no manifest.json (expected the output of docker save)");
    }
    JsonNode image = JSON.readTree(manifestBytes).path(0);
    byte[] config = metadata.get(image.path("Config").asText(""));
    if (config == null) {
      throw new IllegalArgumentException(
          "Error parsing saved image '"
              + source
              + "': config '"
              + image.path("Config").asText("")
              + "' named by manifest.json is missing");
    }
    List<LayerPathScan> ordered = new ArrayList<>();
    for (JsonNode layer : image.path("Layers")) {
      LayerPathScan scan = layers.get(layer.asText());
      if (scan == null) {
        throw new IllegalArgumentException(
            "Error parsing saved image '"
                + source
                + "': layer '"
                + layer.asText()
                + "' named by manifest.json is missing");
      }
      ordered.add(scan);
    }
    return origins(paths, ordered, ImageSteps.of(JSON.readTree(config)));
  }

  /** Each path's origin from its layers' scans (base first); paths no layer holds are left out. */
  public static Map<String, PathOrigin> origins(
      Collection<String> paths, List<LayerPathScan> layers, ImageSteps steps) {
    Map<String, PathOrigin> out = new TreeMap<>();
    for (String p : paths) {
      PathOrigin o = PathOrigin.of(p, layers.stream().map(l -> l.entry(p)).toList(), steps);
      if (o != null) {
        out.put(p, o);
      }
    }
    return out;
  }

  private static boolean tarOrGzip(BufferedInputStream in) throws IOException {
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return true;
    }
    return head.length == 512
        && head[257] == 'u'
        && head[258] == 's'
        && head[259] == 't'
        && head[260] == 'a'
        && head[261] == 'r';
  }
}
