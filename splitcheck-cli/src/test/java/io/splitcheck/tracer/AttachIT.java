package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.splitcheck.cli.Main;
import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.Labels;
import io.splitcheck.matrix.ProbeImages;
import io.splitcheck.testing.RequiresEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitcheck trace CONTAINER --tracer ptrace} against a running FROM scratch service (eBPF:
 * EbpfEverywhereIT).
 */
@RequiresEngine
class AttachIT {
  private static final String PID = Long.toString(ProcessHandle.current().pid());

  @Test
  void trace_recordsRunningServiceSyscalls_andLeavesItRunning(@TempDir Path tmp) throws Exception {
    DockerClient docker = DockerClients.fromEnvironment();
    try (ProbeImages.Probe probe = ProbeImages.build("attach-probe", "attach-it-" + PID)) {
      String id =
          docker
              .createContainerCmd(probe.tag())
              .withCmd("loop")
              .withLabels(Labels.forRun("attach-it-" + PID, "target"))
              .exec()
              .getId();
      try {
        docker.startContainerCmd(id).exec();
        Path log = tmp.resolve("attach.log");
        int exit =
            Main.commandLine()
                .execute(
                    "trace", id, "--tracer", "ptrace", "--duration", "2s", "--out", log.toString());
        assertEquals(0, exit);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("getppid()")), String.join("\n", lines));
        assertTrue(
            docker.inspectContainerCmd(id).exec().getState().getRunning(),
            "the target keeps running after the tracer detaches");
      } finally {
        docker.removeContainerCmd(id).withForce(true).exec();
      }
    }
    assertEquals(
        List.of(),
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Labels.PID, PID, Labels.ROLE, TraceCollector.ATTACH_ROLE))
            .exec());
  }
}
