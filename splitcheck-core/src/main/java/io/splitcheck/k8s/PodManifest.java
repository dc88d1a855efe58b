package io.splitcheck.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the pod template of a Kubernetes manifest (Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob; multi-document YAML) and picks one container: by name, else the one
 * whose image matches, else the first.
 */
public final class PodManifest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private final String source;
  private final List<JsonNode> documents;

  PodManifest(String yaml, String source) {
    this.source = source;
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode d = it.nextValue();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Error parsing Kubernetes manifest '"
              + source
              + "': "
              + e.getMessage().lines().findFirst().orElse("not YAML"));
    }
    this.documents = List.copyOf(docs);
  }

  public static PodManifest read(Path file) {
    try {
      return new PodManifest(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Kubernetes manifest " + file, e);
    }
  }

  public static PodManifest parse(String yaml, String source) {
    return new PodManifest(yaml, source);
  }

  /**
   * @param container a container name, or null to choose by {@code image}, else the first
   * @param image the image the matrix runs, matched against the containers' images
   */
  public PodContainer container(String container, String image) {
    List<JsonNode> workloads = documents.stream().filter(d -> podSpec(d).isPresent()).toList();
    if (workloads.isEmpty()) {
      throw new IllegalArgumentException(
          "Kubernetes manifest '"
              + source
              + "': no Pod, Deployment, "
              + "StatefulSet, DaemonSet, ReplicaSet, Job or CronJob with spec.containers found");
    }
    List<String> seen = new ArrayList<>();
    for (JsonNode w : workloads) {
      for (JsonNode c : podSpec(w).get().path("containers")) {
        seen.add(c.path("name").asText());
        if (container != null && container.equals(c.path("name").asText())) {
          return PodSpecReader.read(w, podSpec(w).get(), c, source);
        }
      }
    }
    if (container != null) {
      throw new IllegalArgumentException(
          "Kubernetes manifest '"
              + source
              + "': no container named '"
              + container
              + "' (containers: "
              + seen
              + ")");
    }
    for (JsonNode w : workloads) {
      for (JsonNode c : podSpec(w).get().path("containers")) {
        if (imageMatches(c.path("image").asText(), image)) {
          return PodSpecReader.read(w, podSpec(w).get(), c, source);
        }
      }
    }
    JsonNode first = workloads.get(0);
    return PodSpecReader.read(
        first, podSpec(first).get(), podSpec(first).get().path("containers").get(0), source);
  }

  /**
   * Whether the manifest's image names the same repository and tag as {@code image} (a missing tag
   * is latest).
   */
  static boolean imageMatches(String manifestImage, String image) {
    return image != null && normalize(manifestImage).equals(normalize(image));
  }

  private static String normalize(String ref) {
    String r = ref.replaceFirst("^docker\\.io/", "").replaceFirst("^library/", "");
    int slash = r.lastIndexOf('/');
    return r.indexOf(':', slash + 1) < 0 && !r.contains("@") ? r + ":latest" : r;
  }

  /** The pod spec of a workload document, if it is one. */
  static Optional<JsonNode> podSpec(JsonNode doc) {
    String kind = doc.path("kind").asText();
    JsonNode spec =
        switch (kind) {
          case "Pod" -> doc.path("spec");
          case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
              doc.path("spec").path("template").path("spec");
          case "CronJob" ->
              doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
          default -> null;
        };
    return spec != null && spec.path("containers").isArray() && !spec.path("containers").isEmpty()
        ? Optional.of(spec)
        : Optional.empty();
  }
}
