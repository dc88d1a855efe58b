package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodManifestTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/k8s");

  private static PodContainer read(String file, String container, String image) {
    return PodManifest.read(FIXTURES.resolve(file)).container(container, image);
  }

  @Test
  void deployment_mergesPodAndContainerSecurityContext_afterAServiceDocument() {
    PodContainer c = read("cache-readonly.yaml", null, "splitcheck-test/k8s-cache:dev");
    assertEquals("Deployment/cache", c.workload());
    assertEquals("app", c.name());
    assertEquals(10001L, c.runAsUser());
    assertEquals(10001L, c.runAsGroup());
    assertTrue(c.runAsNonRoot());
    assertEquals(List.of(2000L), c.supplementalGroups());
    assertTrue(c.dropsAll());
    assertTrue(c.noNewPrivileges());
    assertTrue(c.readOnlyRoot());
    assertEquals("RuntimeDefault", c.seccomp());
    assertEquals(128L << 20, c.memoryLimitBytes());
    assertEquals(500_000_000L, c.nanoCpus());
    assertEquals(Map.of("TZ", "UTC"), c.env());
    assertEquals(Map.of("/var/cache/app", "mode=1777,size=" + (16L << 20)), c.emptyDirs());
    assertEquals("deployment-cache", c.cellName(false));
  }

  @Test
  void deployment_namesEverythingItCannotReproduce() {
    List<String> w = read("cache-readonly.yaml", null, null).warnings();
    assertEquals(4, w.size(), w.toString());
    assertTrue(
        w.contains(
            "volume 'config' (configMap) at /etc/app is not reproduced: the path keeps the "
                + "image's content"),
        w.toString());
    assertTrue(w.contains("container 'app': livenessProbe is not reproduced"), w.toString());
    assertTrue(w.contains("container 'metrics' (a sidecar of 'app') is not run"), w.toString());
    assertTrue(
        w.stream().anyMatch(x -> x.contains("env POD_NAME comes from valueFrom")), w.toString());
  }

  @Test
  void container_isChosenByName_thenByImage_thenFirst() {
    assertEquals("metrics", read("cache-readonly.yaml", "metrics", null).name());
    assertEquals(
        "metrics", read("cache-readonly.yaml", null, "splitcheck-test/metrics:dev").name());
    assertEquals("app", read("cache-readonly.yaml", null, "other:1").name());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> read("cache-readonly.yaml", "web", null));
    assertTrue(
        e.getMessage().contains("no container named 'web' (containers: [app, metrics])"),
        e.getMessage());
  }

  @Test
  void cronJob_readsTheJobTemplatesPod_withoutRunAsUser() {
    PodContainer c = read("cache-nonroot-job.yaml", null, null);
    assertEquals("CronJob/cache-refresh", c.workload());
    assertTrue(c.runAsNonRoot());
    assertNull(c.runAsUser());
    assertNull(c.seccomp());
    assertFalse(c.readOnlyRoot());
  }

  @Test
  void memoryEmptyDir_withoutSizeLimit_isSizedByTheMemoryLimit() {
    String yaml =
        """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: x
                      command: ["/bin/app"]
                      args: ["--serve"]
                      workingDir: /srv
                      resources: {limits: {memory: 64M}}
                      volumeMounts: [{name: scratch, mountPath: /scratch}]
                  volumes:
                    - name: scratch
                      emptyDir: {medium: Memory}
                """;
    PodContainer c = PodManifest.parse(yaml, "pod.yaml").container(null, null);
    assertEquals(Map.of("/scratch", "mode=1777,size=64000000"), c.emptyDirs());
    assertEquals(List.of("/bin/app"), c.command());
    assertEquals(List.of("--serve"), c.args());
    assertEquals("/srv", c.workingDir());
  }

  @Test
  void badInput_namesTheFileAndField() {
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PodManifest.parse("kind: Service\nmetadata: {name: s}\n", "svc.yaml")
                    .container(null, null));
    assertTrue(
        none.getMessage().startsWith("Kubernetes manifest 'svc.yaml': no Pod, Deployment"),
        none.getMessage());
    var seccomp =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PodManifest.parse(
                        """
                kind: Pod
                spec:
                  securityContext: {seccompProfile: {type: Default}}
                  containers: [{name: c, image: x}]
                """,
                        "p.yaml")
                    .container(null, null));
    assertEquals(
        "p.yaml: container 'c' seccompProfile.type 'Default': expected RuntimeDefault, Unconfined or "
            + "Localhost",
        seccomp.getMessage());
    var yaml =
        assertThrows(
            IllegalArgumentException.class, () -> PodManifest.parse("kind: [", "bad.yaml"));
    assertTrue(
        yaml.getMessage().startsWith("Error parsing Kubernetes manifest 'bad.yaml'"),
        yaml.getMessage());
  }
}
