package io.splitcheck.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.splitcheck.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class PathOriginTest {
  /**
   * The history Docker 20.10's classic builder wrote for the cache writer of KubernetesIT (ids
   * shortened).
   */
  private static final String CONFIG =
      """
      {"rootfs":{"type":"layers","diff_ids":["sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaa","sha256:bbbbbbbbbbbbbbbbbbbbbbbb",
       "sha256:cccccccccccccccccccccccccccc"]},
       "history":[{"created_by":"debootstrap bookworm"},
        {"created_by":"/bin/sh -c mkdir -p /var/cache/app","created":"2026-12-02T00:00:00Z"},
        {"created_by":"/bin/sh -c #(nop)  ENV A=b","empty_layer":true},
        {"created_by":"RUN /bin/sh -c rm -rf /etc/gone # buildkit"},
        {"created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true}]}""";

  private static ImageSteps steps() throws IOException {
    return ImageSteps.of(Json.mapper().readTree(CONFIG));
  }

  @Test
  void steps_areTheDockerfileLines_ofTheLayersThatAreNotEmpty() throws IOException {
    ImageSteps s = steps();
    assertEquals(3, s.layers());
    assertEquals("debootstrap bookworm", s.step(0));
    assertEquals("RUN mkdir -p /var/cache/app", s.step(1));
    assertEquals("RUN rm -rf /etc/gone", s.step(2));
    assertEquals(
        "COPY file:0123 in /app", ImageSteps.step("/bin/sh -c #(nop) COPY file:0123 in /app "));
  }

  @Test
  void aHistoryThatDoesNotCountTheLayers_namesNoStep() throws IOException {
    JsonNode config =
        Json.mapper()
            .readTree(
                "{\"rootfs\":{\"diff_ids\":[\"sha256:a\",\"sha256:b\"]},"
                    + "\"history\":[{\"created_by\":\"one\"}]}");
    assertNull(ImageSteps.of(config).step(1));
  }

  @Test
  void origin_isTheLowestLayerAboveWhichOwnerAndModeStayTheSame() throws IOException {
    // the base makes /var/cache 0755 root; a later layer repeats it unchanged (a child changed)
    List<LayerEntry> cache =
        List.of(
            LayerEntry.present(0, 0, 040755), LayerEntry.present(0, 0, 0755), LayerEntry.ABSENT);
    PathOrigin o = PathOrigin.of("/var/cache", cache, steps());
    assertEquals(0, o.layer());
    assertEquals("layer 1 of 3 (sha256:aaaaaaaaaaaa), step `debootstrap bookworm`", o.describe());
    // a chown in layer 2 is where the owner came from
    List<LayerEntry> chowned =
        List.of(
            LayerEntry.present(0, 0, 0755),
            LayerEntry.present(65532, 0, 0755),
            LayerEntry.present(65532, 0, 0755));
    assertEquals(1, PathOrigin.of("/data", chowned, steps()).layer());
  }

  @Test
  void aWhiteoutAboveTheFile_isTheLayerThatRemovedIt() throws IOException {
    PathOrigin o =
        PathOrigin.of(
            "/etc/gone",
            List.of(LayerEntry.present(0, 0, 0644), LayerEntry.ABSENT, LayerEntry.REMOVED),
            steps());
    assertTrue(o.removed());
    assertEquals("RUN rm -rf /etc/gone", o.step());
    assertNull(
        PathOrigin.of(
            "/nowhere", List.of(LayerEntry.ABSENT, LayerEntry.ABSENT, LayerEntry.ABSENT), steps()));
  }

  @Test
  void savedImage_givesEachPathItsLayer_fromTarHeadersWithWhiteoutsAndOpaqueDirectories()
      throws IOException {
    byte[] saved =
        savedImage(
            layer(
                dir("var/", 0, 0755),
                dir("var/cache/", 0, 0755),
                dir("etc/", 0, 0755),
                file("etc/gone", 0, 0644),
                dir("opt/", 0, 0755),
                file("opt/old", 0, 0644)),
            layer(dir("var/", 0, 0755), dir("var/cache/", 0, 0755), dir("var/cache/app/", 0, 0755)),
            layer(
                dir("etc/", 0, 0755),
                file("etc/.wh.gone", 0, 0),
                dir("opt/", 0, 0755),
                file("opt/.wh..wh..opq", 0, 0)));
    Map<String, PathOrigin> o =
        SavedImagePaths.read(
            new ByteArrayInputStream(saved),
            "test",
            List.of("/var/cache/app", "/var/cache", "/etc/gone", "/opt/old", "/opt", "/missing"));
    assertEquals(1, o.get("/var/cache/app").layer());
    assertEquals("RUN mkdir -p /var/cache/app", o.get("/var/cache/app").step());
    assertEquals(0, o.get("/var/cache").layer());
    assertTrue(o.get("/etc/gone").removed());
    assertTrue(o.get("/opt/old").removed(), "the opaque /opt of layer 3 hides /opt/old");
    assertEquals(false, o.get("/opt").removed());
    assertEquals(Optional.empty(), Optional.ofNullable(o.get("/missing")));
  }

  @Test
  void note_saysWhereAReadOnlyPathsDirectoryCameFrom_andTheEmptyDirFix() throws IOException {
    Map<String, PathOrigin> origins =
        Map.of(
            "/var/cache/app",
            PathOrigin.of(
                "/var/cache/app",
                List.of(LayerEntry.ABSENT, LayerEntry.present(0, 0, 0755), LayerEntry.ABSENT),
                steps()));
    CauseRules.ImageFiles files =
        p ->
            p.equals("/var/cache/app")
                ? Optional.of(new ImageFile(p, 0, 0, 0755, true, null))
                : Optional.empty();
    assertEquals(
        "/var/cache/app/stamp is not in the image; /var/cache/app (0:0 0755) comes from layer 2 of 3 "
            + "(sha256:bbbbbbbbbbbb), step `RUN mkdir -p /var/cache/app` (fix: mount an emptyDir, medium Memory, at "
            + "/var/cache/app, or --tmpfs /var/cache/app)",
        OriginNotes.note("EROFS", "/var/cache/app/stamp", null, origins, files).orElseThrow());
    assertEquals(
        "/var/cache/app got its owner and mode from layer 2 of 3 (sha256:bbbbbbbbbbbb), step `RUN mkdir "
            + "-p /var/cache/app`",
        OriginNotes.note("EACCES", "/var/cache/app/stamp", "/var/cache/app", origins, files)
            .orElseThrow());
  }

  private static TarArchiveEntry dir(String name, int uid, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setIds(uid, 0);
    e.setMode(040000 | mode);
    return e;
  }

  private static TarArchiveEntry file(String name, int uid, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setIds(uid, 0);
    e.setMode(0100000 | mode);
    return e;
  }

  private static byte[] layer(TarArchiveEntry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (TarArchiveEntry e : entries) {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  /**
   * A docker save archive in the classic layout: each layer's tar, the config, then manifest.json.
   */
  private static byte[] savedImage(byte[]... layers) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder names = new StringBuilder();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < layers.length; i++) {
        put(tar, "l" + i + "/layer.tar", layers[i]);
        names.append(i == 0 ? "" : ",").append("\"l").append(i).append("/layer.tar\"");
      }
      put(tar, "config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
      put(
          tar,
          "manifest.json",
          ("[{\"Config\":\"config.json\",\"Layers\":[" + names + "]}]")
              .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] body) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(body.length);
    tar.putArchiveEntry(e);
    tar.write(body);
    tar.closeArchiveEntry();
  }
}
