package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and removes what splitcheck runs left on the engine: containers, volumes, networks and images
 * labelled {@value Labels#RUN}, and the images {@code twice} and {@code run} track by their
 * {@code splitcheck-twice/<run id>} and {@code splitcheck-run/<run id>} tags (those carry no label, which would change their digest).
 */
public final class Janitor {
  private static final Pattern TWICE_TAG = Pattern.compile("splitcheck-(?:twice|run)/(\\d{8}-\\d{6}-(\\d+)):.*");

  private final DockerClient docker;

  public Janitor(DockerClient docker) {
    this.docker = docker;
  }

  /** Everything labelled or tagged by splitcheck, sorted by run, kind and id. */
  public List<LabelledObject> list() throws EngineException {
    List<LabelledObject> out = new ArrayList<>();
    try {
      for (Container c : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(List.of(Labels.RUN)).exec()) {
        out.add(of("container", c.getId(), c.getLabels(), Instant.ofEpochSecond(c.getCreated())));
      }
      var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.RUN)).exec().getVolumes();
      for (var v : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
        out.add(of("volume", v.getName(), v.getLabels(), null));
      }
      for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Labels.RUN)).exec()) {
        out.add(of("network", n.getId(), n.getLabels(), null));
      }
      for (Image i : docker.listImagesCmd().withShowAll(true).exec()) {
        addImage(out, i);
      }
    } catch (RuntimeException e) {
      throw new EngineException("listing splitcheck's objects failed: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(LabelledObject::runId).thenComparing(LabelledObject::kind)
        .thenComparing(LabelledObject::id));
    return out;
  }

  /**
   * A splitcheck-owned tag names the run first: an image built FROM a labelled image inherits that
   * image's run label, which says nothing about who built this one.
   */
  private static void addImage(List<LabelledObject> out, Image i) {
    Instant created = Instant.ofEpochSecond(i.getCreated());
    boolean tagged = false;
    for (String tag : i.getRepoTags() == null ? new String[0] : i.getRepoTags()) {
      Matcher m = TWICE_TAG.matcher(tag);
      if (m.matches()) {
        out.add(new LabelledObject("image", tag, m.group(1), Long.parseLong(m.group(2)), null, created));
        tagged = true;
      }
    }
    if (!tagged && i.getLabels() != null && i.getLabels().containsKey(Labels.RUN)) {
      out.add(of("image", i.getId(), i.getLabels(), created));
    }
  }

  private static LabelledObject of(String kind, String id, Map<String, String> labels, Instant created) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    long pid;
    try {
      pid = Long.parseLong(l.getOrDefault(Labels.PID, "-1"));
    } catch (NumberFormatException e) {
      pid = -1;
    }
    return new LabelledObject(kind, id, l.getOrDefault(Labels.RUN, "?"), pid, l.get(Labels.HOST), created);
  }

  /** Removes one object; containers are killed first; an object already gone is not an error. */
  public void remove(LabelledObject o) throws EngineException {
    try {
      switch (o.kind()) {
        case "container" -> docker.removeContainerCmd(o.id()).withForce(true).withRemoveVolumes(true).exec();
        case "volume" -> docker.removeVolumeCmd(o.id()).exec();
        case "network" -> docker.removeNetworkCmd(o.id()).exec();
        default -> docker.removeImageCmd(o.id()).withForce(true).exec();
      }
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      throw new EngineException("removing " + o.kind() + " " + o.id() + " failed: " + e.getMessage(), e);
    }
  }

  /** Removes every object of one run: containers first (they hold volumes), then volumes, networks, images. */
  public List<LabelledObject> removeRun(String runId) throws EngineException {
    List<LabelledObject> removed = new ArrayList<>();
    List<LabelledObject> mine = listRun(runId).stream()
        .sorted(Comparator.comparing(o -> Arrays.asList("container", "volume", "network", "image").indexOf(o.kind())))
        .toList();
    for (LabelledObject o : mine) {
      remove(o);
      removed.add(o);
    }
    return removed;
  }

  /**
   * What {@link #list()} would give for one run, asked of the engine with its filters: the end of
   * every matrix waits on this, and listing every image of a busy engine takes it seconds.
   */
  List<LabelledObject> listRun(String runId) throws EngineException {
    List<LabelledObject> out = new ArrayList<>();
    Map<String, String> label = Map.of(Labels.RUN, runId);
    List<String> labelFilter = List.of(Labels.RUN + "=" + runId);
    try {
      for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()) {
        out.add(of("container", c.getId(), c.getLabels(), Instant.ofEpochSecond(c.getCreated())));
      }
      var volumes = docker.listVolumesCmd().withFilter("label", labelFilter).exec().getVolumes();
      for (var v : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
        out.add(of("volume", v.getName(), v.getLabels(), null));
      }
      for (Network n : docker.listNetworksCmd().withFilter("label", labelFilter).exec()) {
        out.add(of("network", n.getId(), n.getLabels(), null));
      }
      Map<String, Image> images = new java.util.TreeMap<>();
      for (Image i : docker.listImagesCmd().withShowAll(true).withLabelFilter(label).exec()) {
        images.put(i.getId(), i);
      }
      for (String repo : List.of("splitcheck-twice/" + runId, "splitcheck-run/" + runId)) {
        for (Image i : docker.listImagesCmd().withImageNameFilter(repo).exec()) {
          images.put(i.getId(), i);
        }
      }
      images.values().forEach(i -> addImage(out, i));
    } catch (RuntimeException e) {
      throw new EngineException("listing the objects of run " + runId + " failed: " + e.getMessage(), e);
    }
    return out.stream().filter(o -> o.runId().equals(runId))
        .sorted(Comparator.comparing(LabelledObject::kind).thenComparing(LabelledObject::id))
        .toList();
  }
}
