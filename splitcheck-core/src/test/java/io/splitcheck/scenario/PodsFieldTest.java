package io.splitcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodsFieldTest {
  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: cache}
      spec:
        containers:
          - name: app
            image: splitcheck-test/k8s-cache:dev
      """;

  @TempDir Path dir;

  private List<Scenario> parse(String yaml) {
    return new ScenarioParser().parse(new StringReader(yaml), "scenarios/x/scenario.yaml", dir);
  }

  private String error(String pods) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> parse("checks:\n  matrix:\n    pods: " + pods + "\n"))
        .getMessage();
  }

  @Test
  void pods_areReadInOrder_withTheirContainer() throws IOException {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    Files.createDirectories(dir.resolve("k8s"));
    Files.writeString(dir.resolve("k8s/job.yml"), POD.replace("kind: Pod", "kind: Pod"));
    Scenario s = parse("checks:\n  matrix:\n    pods: [pod.yaml#app, k8s/job.yml]\n").get(0);
    assertEquals(List.of("pod.yaml#app", "k8s/job.yml"), s.checks().matrix().pods());
    assertEquals(List.of(), parse("checks: {matrix: true}\n").get(0).checks().matrix().pods());
  }

  @Test
  void aMissingFile_isNamedWithTheScenarioFileLineAndEntry() {
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[0]': no such file 'nope.yaml' in "
            + dir,
        error("[nope.yaml]"));
  }

  @Test
  void anUnknownContainer_listsTheManifestsContainers() throws IOException {
    Files.writeString(dir.resolve("pod.yaml"), POD);
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[0]': Kubernetes manifest '"
            + dir.resolve("pod.yaml")
            + "': no container named 'web' (containers: [app])",
        error("[pod.yaml#web]"));
  }

  @Test
  void aWrongForm_aPathOutsideTheScenario_aDuplicate_andAManifestWithoutWorkload_areRefused()
      throws IOException {
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[0]': expected FILE.yaml or "
            + "FILE.yaml#CONTAINER relative to the scenario directory, got 'pod.json'",
        error("[pod.json]"));
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[0]': expected FILE.yaml or "
            + "FILE.yaml#CONTAINER relative to the scenario directory, got '../x.yaml'",
        error("[../x.yaml]"));
    Files.writeString(dir.resolve("pod.yaml"), POD);
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[1]': 'pod.yaml' is listed twice "
            + "(first at [0])",
        error("[pod.yaml, pod.yaml]"));
    Files.writeString(
        dir.resolve("svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
    assertEquals(
        "scenarios/x/scenario.yaml:3: field 'checks.matrix.pods[0]': Kubernetes manifest '"
            + dir.resolve("svc.yaml")
            + "': no Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob "
            + "with spec.containers found",
        error("[svc.yaml]"));
    String notAList = error("pod.yaml");
    assertEquals(
        true,
        notAList.startsWith("scenarios/x/scenario.yaml:3: field 'checks.matrix.pods'"),
        notAList);
  }
}
