package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildxExporterTest {
  private final BuildxExporter exporter =
      new BuildxExporter(Path.of("/opt/buildx"), "unix:///run/splitcheck/docker-26.sock");

  @Test
  void command_exportsToTheFileWithRewrittenTimestamps_keepingTheRequestAsAsked() {
    BuildRequest request =
        new BuildRequest(
            Path.of("/ctx"),
            Path.of("/ctx/Dockerfile.prod"),
            Map.of("B", "2", "A", "1"),
            List.of(new BuildRequest.Secret("tok", Path.of("/s/tok"))),
            "final",
            "splitcheck-twice/r:first",
            true,
            Duration.ofMinutes(1));

    assertEquals(
        List.of(
            "/opt/buildx",
            "build",
            "--no-cache",
            "--progress=plain",
            "--output",
            "type=docker,dest=/w/first.tar,rewrite-timestamp=true",
            "-f",
            "/ctx/Dockerfile.prod",
            "--build-arg",
            "A=1",
            "--build-arg",
            "B=2",
            "--secret",
            "id=tok,src=/s/tok",
            "--target",
            "final",
            "/ctx"),
        exporter.command(request, Path.of("/w/first.tar")));
  }

  @Test
  void command_addsNoTag_andNoLoad() {
    BuildRequest request =
        new BuildRequest(Path.of("/ctx"), null, Map.of(), List.of(), null, "t", false, null);

    assertEquals(
        List.of(
            "/opt/buildx",
            "build",
            "--progress=plain",
            "--output",
            "type=docker,dest=/w/x.tar,rewrite-timestamp=true",
            "/ctx"),
        exporter.command(request, Path.of("/w/x.tar")));
  }

  @Test
  void find_prefersTheOverride() {
    assertEquals(
        Path.of("/x/docker-buildx"),
        BuildxExporter.find(Path.of("/x/docker-buildx")).orElseThrow());
  }
}
