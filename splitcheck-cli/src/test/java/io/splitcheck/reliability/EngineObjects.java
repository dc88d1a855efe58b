package io.splitcheck.reliability;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.splitcheck.engine.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a run left on the engine, looked up by its labels and splitcheck-owned tags. */
final class EngineObjects {
  private final DockerClient docker;

  EngineObjects(DockerClient docker) {
    this.docker = docker;
  }

  /** The run id of the first container the process {@code pid} created, once there is one. */
  Optional<String> runIdOf(long pid) {
    return containersOf(Map.of(Labels.PID, Long.toString(pid))).stream()
        .map(c -> c.getLabels().get(Labels.RUN))
        .findFirst();
  }

  /** Running containers the process {@code pid} created. */
  long runningOf(long pid) {
    return containersOf(Map.of(Labels.PID, Long.toString(pid))).stream()
        .filter(c -> "running".equals(c.getState()))
        .count();
  }

  List<Container> containersOf(Map<String, String> labels) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
  }

  /** Every container, volume, network and image of {@code runId}, as "kind id". */
  List<String> ofRun(String runId) {
    List<String> left = new ArrayList<>();
    String label = Labels.RUN + "=" + runId;
    containersOf(Map.of(Labels.RUN, runId)).forEach(c -> left.add("container " + c.getId()));
    var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
    if (volumes != null) {
      volumes.forEach(v -> left.add("volume " + v.getName()));
    }
    docker
        .listNetworksCmd()
        .withFilter("label", List.of(label))
        .exec()
        .forEach(n -> left.add("network " + n.getId()));
    for (Image i : docker.listImagesCmd().withShowAll(true).exec()) {
      if (i.getLabels() != null && runId.equals(i.getLabels().get(Labels.RUN))) {
        left.add("image " + i.getId());
      }
      for (String tag : i.getRepoTags() == null ? new String[0] : i.getRepoTags()) {
        if (tag.startsWith("splitcheck-twice/" + runId + ":")
            || tag.startsWith("splitcheck-run/" + runId + ":")) {
          left.add("image " + tag);
        }
      }
    }
    return left;
  }

  /** Tags of images under {@code splitcheck-twice/<runId>}. */
  List<String> twiceTags(String runId) {
    return ofRun(runId).stream().filter(s -> s.startsWith("image splitcheck-twice/")).toList();
  }
}
