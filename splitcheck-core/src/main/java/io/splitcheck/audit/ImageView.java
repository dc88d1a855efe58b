package io.splitcheck.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.LayerSummary;
import io.splitcheck.diff.SavedImage;
import io.splitcheck.model.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A saved image as the rules see it: layers with the Dockerfile step that made each, the final
 * filesystem, every regular file ever added (with whether a later layer hid it), what the content
 * of files said, and the config's Env, Entrypoint and Cmd.
 */
public final class ImageView {
  /**
   * One layer: 0-based index, the history {@code created_by} (null when history does not say), file
   * bytes.
   */
  public record Layer(
      int index, String key, String createdBy, long bytes, List<FileEntry> entries) {
    public Layer {
      entries = List.copyOf(entries);
    }
  }

  /**
   * A regular file as some layer added it; {@code hidden} when a later layer deleted or replaced
   * it.
   */
  public record Occurrence(FileEntry entry, int layer, boolean hidden) {}

  private final String name;
  private final String id;
  private final JsonNode config;
  private final List<Layer> layers = new ArrayList<>();
  private final ImageFs fs;
  private final List<Occurrence> occurrences = new ArrayList<>();
  private final Map<String, Map<String, FileFacts>> facts;

  /**
   * @param facts from {@link ImageContentCollector#facts()}, by layer key then path
   */
  public ImageView(String name, SavedImage image, Map<String, Map<String, FileFacts>> facts) {
    this.name = name;
    this.id = image.id();
    this.config = image.config();
    this.facts = facts;
    List<String> steps = layerSteps(image.config(), image.layers().size());
    List<List<FileEntry>> entries = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      LayerSummary l = image.layers().get(i);
      long bytes =
          l.entries().stream().filter(FileEntry::isRegularFile).mapToLong(FileEntry::size).sum();
      layers.add(new Layer(i, l.key(), steps.get(i), bytes, l.entries()));
      entries.add(l.entries());
    }
    this.fs = new ImageFs(entries);
    for (Layer l : layers) {
      for (FileEntry e : l.entries()) {
        if (e.isRegularFile()) {
          Optional<ImageFs.Node> now = fs.node(e.path());
          boolean visible =
              now.isPresent() && now.get().layer() == l.index() && now.get().entry() == e;
          occurrences.add(new Occurrence(e, l.index(), !visible));
        }
      }
    }
  }

  /**
   * Reads a {@code docker save} stream in one pass with {@link
   * io.splitcheck.diff.ImageArchiveReader}, collecting content facts as layers stream past.
   */
  public static ImageView read(InputStream savedImage, String name) throws IOException {
    ImageContentCollector collector = new ImageContentCollector();
    SavedImage image = new ImageArchiveReader(collector).read(savedImage, name);
    return new ImageView(name, image, collector.facts());
  }

  /** History entries without {@code empty_layer: true}, in order, name each layer's step. */
  static List<String> layerSteps(JsonNode config, int layerCount) {
    List<String> steps = new ArrayList<>();
    for (JsonNode h : config.path("history")) {
      if (!h.path("empty_layer").asBoolean(false)) {
        steps.add(h.path("created_by").isMissingNode() ? null : h.path("created_by").asText());
      }
    }
    while (steps.size() < layerCount) {
      steps.add(null);
    }
    return steps.subList(0, layerCount);
  }

  public String name() {
    return name;
  }

  public String id() {
    return id;
  }

  public List<Layer> layers() {
    return layers;
  }

  public ImageFs fs() {
    return fs;
  }

  public List<Occurrence> occurrences() {
    return occurrences;
  }

  /** Evidence naming the layer and its step. */
  public Evidence at(int layer) {
    return Evidence.NONE.withLayer(layer, layers.get(layer).createdBy());
  }

  /** Evidence for a file occurrence: path, layer, step, size, deleted flag. */
  public Evidence at(Occurrence o) {
    return at(o.layer()).withPath(o.entry().path()).withSize(o.entry().size()).deleted(o.hidden());
  }

  /** What the content of the file at {@code path} in {@code layer} said. */
  public Optional<FileFacts> facts(int layer, String path) {
    return Optional.ofNullable(facts.getOrDefault(layers.get(layer).key(), Map.of()).get(path));
  }

  /** Facts of the regular file a canonical final path holds (hard links followed). */
  public Optional<FileFacts> finalFacts(String canonicalPath) {
    return fs.node(canonicalPath).flatMap(n -> facts(n.layer(), n.entry().path()));
  }

  /** The config's {@code rootfs.diff_ids}: one per layer, base first. */
  public List<String> diffIds() {
    return BaseImage.diffIds(config);
  }

  /** The config's {@code Env} as a map, in order. */
  public Map<String, String> env() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode e : config.path("config").path("Env")) {
      String s = e.asText();
      int eq = s.indexOf('=');
      out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
    }
    return out;
  }

  /** {@code Entrypoint} followed by {@code Cmd}, as the runtime would exec them. */
  public List<String> command() {
    List<String> out = new ArrayList<>();
    config.path("config").path("Entrypoint").forEach(n -> out.add(n.asText()));
    config.path("config").path("Cmd").forEach(n -> out.add(n.asText()));
    return out;
  }
}
