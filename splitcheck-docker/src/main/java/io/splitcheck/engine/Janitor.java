package io.splitcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes what splitcheck runs left on the engine: containers, volumes, networks and
 * images labelled {@value Labels#RUN}, and the images {@code twice} and {@code run} track by their
 * {@code splitcheck-twice/<run id>} and {@code splitcheck-run/<run id>} tags (those carry no label,
 * which would change their digest).
 */
public final class Janitor {
  private static final Pattern TWICE_TAG =
      Pattern.compile("splitcheck-(?:twice|run)/(\\d{8}-\\d{6}-(\\d+)):.*");

  /** The role label of a run's owner record. */
  static final String RECORD_ROLE = "owner";

  private final DockerClient docker;

  public Janitor(DockerClient docker) {
    this.docker = docker;
  }

  /** Everything labelled or tagged by splitcheck, sorted by run, kind and id. */
  public List<LabelledObject> list() throws EngineException {
    // tagged images carry no label: every image is looked at
    List<LabelledObject> out =
        new ArrayList<>(
            objects(
                "listing splitcheck's objects",
                filter("label", Labels.RUN),
                List.of("/images/json?all=1")));
    out.sort(
        Comparator.comparing(LabelledObject::runId)
            .thenComparing(LabelledObject::kind)
            .thenComparing(LabelledObject::id));
    return out;
  }

  /**
   * A splitcheck-owned tag names the run first: an image built FROM a labelled image inherits that
   * image's run label, which says nothing about who built this one.
   */
  private static void addImage(
      List<LabelledObject> out,
      String id,
      List<String> repoTags,
      Map<String, String> labels,
      Instant created) {
    boolean tagged = false;
    for (String tag : repoTags) {
      Matcher m = TWICE_TAG.matcher(tag);
      if (m.matches()) {
        out.add(
            new LabelledObject(
                "image", tag, m.group(1), Long.parseLong(m.group(2)), null, created));
        tagged = true;
      }
    }
    if (!tagged && labels != null && labels.containsKey(Labels.RUN)) {
      out.add(of("image", id, labels, created));
    }
  }

  /**
   * Records who runs {@code runId} on this engine before the run tags any image: a volume labelled
   * with the run and its {@link Owner}, the record {@code gc} reads for the run's tagged images
   * (which carry no label). {@code kept}: the run keeps its images ({@code twice --keep}); gc never
   * removes them.
   */
  public void claim(String runId, boolean kept) throws EngineException {
    Map<String, String> labels = new TreeMap<>(Labels.forRun(runId, RECORD_ROLE));
    labels.put(Labels.KEPT, Boolean.toString(kept));
    String request = "POST /volumes/create " + recordName(runId);
    Shutdown.creating(
        request,
        () -> {
          try {
            return docker.createVolumeCmd().withName(recordName(runId)).withLabels(labels).exec();
          } catch (RuntimeException e) {
            throw new EngineException(request + " failed: " + e.getMessage(), e);
          }
        });
  }

  /** Removes the owner record of a run that removed its images itself. */
  public void release(String runId) throws EngineException {
    remove(new LabelledObject(LabelledObject.RECORD, recordName(runId), runId, -1, null, null));
  }

  static String recordName(String runId) {
    return "splitcheck-owner-" + runId;
  }

  private static LabelledObject of(
      String kind, String id, Map<String, String> labels, Instant created) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    if ("volume".equals(kind) && RECORD_ROLE.equals(l.get(Labels.ROLE))) {
      kind = LabelledObject.RECORD;
    }
    long pid;
    try {
      pid = Long.parseLong(l.getOrDefault(Labels.PID, "-1"));
    } catch (NumberFormatException e) {
      pid = -1;
    }
    return new LabelledObject(
        kind,
        id,
        l.getOrDefault(Labels.RUN, "?"),
        pid,
        l.get(Labels.HOST),
        created,
        l.get(Labels.OWNER),
        Boolean.parseBoolean(l.get(Labels.KEPT)));
  }

  /** Removes one object; containers are killed first; an object already gone is not an error. */
  public void remove(LabelledObject o) throws EngineException {
    try {
      switch (o.kind()) {
        case "container" ->
            docker.removeContainerCmd(o.id()).withForce(true).withRemoveVolumes(true).exec();
        case "volume", LabelledObject.RECORD -> docker.removeVolumeCmd(o.id()).exec();
        case "network" -> docker.removeNetworkCmd(o.id()).exec();
        default -> docker.removeImageCmd(o.id()).withForce(true).exec();
      }
    } catch (NotFoundException e) {
      // already gone
    } catch (ConflictException e) {
      if (!removalInProgress(409, e.getMessage())) {
        throw new EngineException(
            "removing " + o.kind() + " " + o.id() + " failed: " + e.getMessage(), e);
      }
    } catch (RuntimeException e) {
      throw new EngineException(
          "removing " + o.kind() + " " + o.id() + " failed: " + e.getMessage(), e);
    }
  }

  /** The order objects are removed in: containers hold volumes; the owner record goes last. */
  public static final List<String> REMOVAL_ORDER =
      List.of("container", "volume", "network", "image", LabelledObject.RECORD);

  /**
   * The engine's 409 when another removal of the same object is under way (the exit cleanup and the
   * run's own cleanup at one moment): the object goes either way, so it is no failure to report.
   */
  static boolean removalInProgress(int status, String message) {
    return status == 409 && message != null && message.contains("already in progress");
  }

  /**
   * Removes every object of one run: containers first (they hold volumes), then volumes, networks,
   * images, and the owner record last (a gc in between sees the images' owner still).
   */
  public List<LabelledObject> removeRun(String runId) throws EngineException {
    List<LabelledObject> removed = new ArrayList<>();
    List<LabelledObject> mine =
        listRun(runId).stream()
            .sorted(Comparator.comparing(o -> REMOVAL_ORDER.indexOf(o.kind())))
            .toList();
    for (LabelledObject o : mine) {
      remove(o);
      removed.add(o);
    }
    return removed;
  }

  /**
   * What {@link #list()} would give for one run, asked of the engine with its filters, all six
   * questions at once, answers read as JSON trees: the end of every matrix waits on this, and
   * listing every image of a busy engine takes it seconds.
   */
  List<LabelledObject> listRun(String runId) throws EngineException {
    String label = filter("label", Labels.RUN + "=" + runId);
    return objects(
            "listing the objects of run " + runId,
            label,
            List.of(
                "/images/json?all=1&filters=" + label,
                "/images/json?filters=" + filter("reference", "splitcheck-twice/" + runId),
                "/images/json?filters=" + filter("reference", "splitcheck-run/" + runId)))
        .stream()
        .filter(o -> o.runId().equals(runId))
        .sorted(Comparator.comparing(LabelledObject::kind).thenComparing(LabelledObject::id))
        .toList();
  }

  /**
   * The containers, volumes and networks {@code labelFilter} selects, and the images of {@code
   * imageQueries} (each image once), asked all at once, answers read as JSON trees.
   */
  private List<LabelledObject> objects(String what, String labelFilter, List<String> imageQueries)
      throws EngineException {
    EngineApi api = EngineApi.of(docker);
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/containers/json?all=1&filters=" + labelFilter,
                "/volumes?filters=" + labelFilter,
                "/networks?filters=" + labelFilter));
    paths.addAll(imageQueries);
    List<CompletableFuture<JsonNode>> asked =
        paths.stream()
            .map(
                p ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return api.get(p);
                          } catch (EngineException e) {
                            throw new CompletionException(e);
                          }
                        }))
            .toList();
    List<JsonNode> answers = new ArrayList<>();
    for (CompletableFuture<JsonNode> f : asked) {
      try {
        answers.add(f.join());
      } catch (CompletionException e) {
        throw new EngineException(what + " failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
    List<LabelledObject> out = new ArrayList<>();
    answers
        .get(0)
        .forEach(
            c ->
                out.add(
                    of(
                        "container",
                        c.path("Id").asText(),
                        labels(c),
                        Instant.ofEpochSecond(c.path("Created").asLong()))));
    answers
        .get(1)
        .path("Volumes")
        .forEach(v -> out.add(of("volume", v.path("Name").asText(), labels(v), null)));
    answers.get(2).forEach(n -> out.add(of("network", n.path("Id").asText(), labels(n), null)));
    Map<String, JsonNode> images = new TreeMap<>();
    for (JsonNode list : answers.subList(3, answers.size())) {
      list.forEach(i -> images.put(i.path("Id").asText(), i));
    }
    images
        .values()
        .forEach(
            i -> {
              List<String> tags = new ArrayList<>();
              i.path("RepoTags").forEach(t -> tags.add(t.asText()));
              addImage(
                  out,
                  i.path("Id").asText(),
                  tags,
                  labels(i),
                  Instant.ofEpochSecond(i.path("Created").asLong()));
            });
    return out;
  }

  /** {@code {"NAME":["VALUE"]}}, URL-encoded, as the engine's list endpoints take their filters. */
  private static String filter(String name, String value) {
    return URLEncoder.encode(
        EngineApi.JSON
            .createObjectNode()
            .set(name, EngineApi.JSON.createArrayNode().add(value))
            .toString(),
        StandardCharsets.UTF_8);
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> out = new HashMap<>();
    object
        .path("Labels")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
