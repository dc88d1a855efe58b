package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.testing.RequiresEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end of every run removes its objects through {@link Janitor#listRun}, which asks the engine
 * with filters; it must find exactly what the full listing ({@link Janitor#list}) attributes to the
 * run.
 */
@RequiresEngine
class JanitorIT {
  private final DockerClient docker = DockerClients.fromEnvironment();
  private final Janitor janitor = new Janitor(docker);
  private final String runA = "20261126-190000-" + ProcessHandle.current().pid() + "1";
  private final String runB = "20261126-190000-" + ProcessHandle.current().pid() + "2";

  private List<String> fromFullListing(String runId) throws EngineException {
    return janitor.list().stream()
        .filter(o -> o.runId().equals(runId))
        .map(o -> o.kind() + " " + o.id())
        .sorted()
        .toList();
  }

  private List<String> fromFilteredListing(String runId) throws EngineException {
    return janitor.listRun(runId).stream().map(o -> o.kind() + " " + o.id()).sorted().toList();
  }

  private void container(String image, String runId) {
    docker.createContainerCmd(image).withLabels(Labels.forRun(runId, "janitor-it")).exec();
  }

  @Test
  void listRun_findsWhatTheFullListingAttributesToTheRun_andRemoveRunLeavesOtherRunsAlone()
      throws Exception {
    try (ProbeImages.Probe probe = ProbeImages.build("janitor", runA)) {
      try {
        container(probe.tag(), runA);
        container(probe.tag(), runB);
        docker
            .createVolumeCmd()
            .withName("splitcheck-janitor-it-" + runA)
            .withLabels(Labels.forRun(runA, "janitor-it"))
            .exec();
        docker
            .createNetworkCmd()
            .withName("splitcheck-janitor-it-" + runB)
            .withLabels(Labels.forRun(runB, "janitor-it"))
            .exec();
        // the image is labelled run A; a splitcheck-owned tag of run B names B instead
        docker.tagImageCmd(probe.tag(), "splitcheck-twice/" + runB, "t").exec();

        List<String> a = fromFilteredListing(runA);
        List<String> b = fromFilteredListing(runB);
        assertEquals(fromFullListing(runA), a);
        assertEquals(fromFullListing(runB), b);
        assertEquals(
            List.of("container", "volume"),
            a.stream().map(s -> s.split(" ")[0]).toList(),
            a.toString());
        assertEquals(
            List.of("container", "image", "network"),
            b.stream().map(s -> s.split(" ")[0]).toList(),
            b.toString());
        assertTrue(b.contains("image splitcheck-twice/" + runB + ":t"), b.toString());

        janitor.removeRun(runA);
        assertEquals(List.of(), fromFullListing(runA));
        assertEquals(b, fromFilteredListing(runB), "run B untouched by removing run A");
      } finally {
        janitor.removeRun(runA);
        janitor.removeRun(runB);
      }
    }
    assertEquals(List.of(), fromFullListing(runB));
  }
}
