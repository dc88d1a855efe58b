package io.splitcheck.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Removes every container, then volume, then image labelled with one run id. */
final class RunCleaner {
  private final DockerClient docker;

  RunCleaner(DockerClient docker) {
    this.docker = docker;
  }

  void remove(String runId) throws EngineException {
    String label = Labels.RUN + "=" + runId;
    List<String> failures = new ArrayList<>();
    for (Container c : docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.RUN, runId)).exec()) {
      attempt(failures, "DELETE /containers/" + c.getId(),
          () -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }
    List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
        .withFilter("label", List.of(label)).exec().getVolumes();
    for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      attempt(failures, "DELETE /volumes/" + v.getName(),
          () -> docker.removeVolumeCmd(v.getName()).exec());
    }
    for (Image i : docker.listImagesCmd().withLabelFilter(Map.of(Labels.RUN, runId)).exec()) {
      attempt(failures, "DELETE /images/" + i.getId(),
          () -> docker.removeImageCmd(i.getId()).withForce(true).exec());
    }
    if (!failures.isEmpty()) {
      throw new EngineException("cleanup of run " + runId + " failed: " + String.join("; ", failures));
    }
  }

  private static void attempt(List<String> failures, String call, Runnable r) {
    try {
      r.run();
    } catch (NotFoundException e) {
      // gone already
    } catch (DockerException e) {
      failures.add(call + ": " + e.getMessage());
    }
  }
}
