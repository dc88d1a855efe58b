package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class ImageViewTest {
  @Test
  void read_collectsFactsPerLayer_andMapsStepsSkippingEmptyLayers() throws Exception {
    byte[] elf = ElfBuilder.elf().interp("/lib64/ld-linux-x86-64.so.2").needed("libc.so.6").build();
    byte[] layer0 =
        layer(
            Map.of(
                "app",
                elf,
                "root/key.pem",
                LeakRulesTest.KEY.getBytes(StandardCharsets.UTF_8),
                "etc/ld.so.conf",
                "/opt/lib\n".getBytes(StandardCharsets.UTF_8)));
    byte[] layer1 = layer(Map.of("root/.wh.key.pem", new byte[0]));
    String config =
        "{\"history\":[{\"created_by\":\"COPY . /\"},{\"created_by\":\"ENV A=b\",\"empty_layer\":true},"
            + "{\"created_by\":\"RUN rm /root/key.pem\"}],\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"/app\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + diffId(layer0)
            + "\",\""
            + diffId(layer1)
            + "\"]}}";
    ImageView v = ImageView.read(new ByteArrayInputStream(saved(config, layer0, layer1)), "t:1");
    assertEquals(
        List.of("COPY . /", "RUN rm /root/key.pem"),
        v.layers().stream().map(ImageView.Layer::createdBy).toList());
    ElfInfo info = v.finalFacts("/app").orElseThrow().elf().info();
    assertEquals(List.of("libc.so.6"), info.needed());
    assertTrue(v.facts(0, "/root/key.pem").orElseThrow().privateKey());
    assertEquals("/opt/lib\n", v.finalFacts("/etc/ld.so.conf").orElseThrow().text());
    ImageView.Occurrence key =
        v.occurrences().stream()
            .filter(o -> o.entry().path().equals("/root/key.pem"))
            .findFirst()
            .orElseThrow();
    assertTrue(key.hidden());
    assertEquals(Optional.empty(), v.fs().node("/root/key.pem"));
    assertEquals(List.of("/app"), v.command());
    assertEquals("/bin", v.env().get("PATH"));
  }

  @Test
  void collector_readsLargeElfFromPrefixAndDynamicSegment_andSaysWhenThatIsNotEnough()
      throws Exception {
    byte[] elf =
        ElfBuilder.elf()
            .interp("/lib64/ld-linux-x86-64.so.2")
            .needed("libc.so.6", "libm.so.6", "libz.so.1")
            .build();
    assertEquals(392, elf.length, "layout the bounds below assume");
    FileFacts fits =
        new ImageContentCollector(296)
            .facts(
                "/big",
                elf.length,
                Arrays.copyOf(elf, 10),
                new ByteArrayInputStream(Arrays.copyOfRange(elf, 10, elf.length)));
    assertEquals(
        List.of("libc.so.6", "libm.so.6", "libz.so.1"),
        fits.elf().info().needed(),
        String.valueOf(fits));
    FileFacts tooSmall =
        new ImageContentCollector(100)
            .facts(
                "/big",
                elf.length,
                Arrays.copyOf(elf, 10),
                new ByteArrayInputStream(Arrays.copyOfRange(elf, 10, elf.length)));
    assertFalse(tooSmall.elf().ok());
    assertTrue(
        tooSmall.elf().error().contains("beyond the first 100 bytes read"), tooSmall.elf().error());
  }

  @Test
  void collector_readsShebangs() {
    assertEquals(
        "/usr/bin/env", ImageContentCollector.shebang("#!/usr/bin/env python3\n".getBytes()));
    assertEquals("/bin/sh", ImageContentCollector.shebang("#! /bin/sh -e\n".getBytes()));
    assertNull(ImageContentCollector.shebang("#!relative\n".getBytes()));
    assertNull(ImageContentCollector.shebang("echo".getBytes()));
  }

  @Test
  void fs_appliesOpaqueWhiteouts_andResolvesRelativeLoopingAndHardLinks() {
    ImageView v =
        image()
            .layer("a")
            .file("/etc/app/a.conf", 1)
            .file("/etc/app/b.conf", 1)
            .symlink("/loop1", "loop2")
            .symlink("/loop2", "/loop1")
            .file("/usr/bin/tool", 5)
            .hardlink("/usr/bin/tool2", "/usr/bin/tool")
            .symlink("/usr/sbin", "../usr/bin")
            .layer("b")
            .opaque("/etc/app")
            .file("/etc/app/c.conf", 1)
            .build();
    ImageFs fs = v.fs();
    assertEquals(Optional.empty(), fs.node("/etc/app/a.conf"));
    assertTrue(fs.node("/etc/app/c.conf").isPresent());
    assertEquals(Optional.empty(), fs.resolve("/loop1"));
    assertEquals(Optional.of("/usr/bin/tool"), fs.resolve("/usr/sbin/tool2"));
    assertEquals(Optional.of("/usr/sbin"), fs.resolveParent("/usr/sbin"));
    assertEquals(2, v.occurrences().stream().filter(ImageView.Occurrence::hidden).count());
  }

  static String diffId(byte[] layer) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
  }

  static byte[] layer(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
        put(tar, f.getKey(), f.getValue());
      }
    }
    return out.toByteArray();
  }

  static byte[] saved(String config, byte[]... layers) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder names = new StringBuilder();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < layers.length; i++) {
        put(tar, "l" + i + "/layer.tar", layers[i]);
        names.append(i == 0 ? "" : ",").append("\"l").append(i).append("/layer.tar\"");
      }
      put(tar, "config.json", config.getBytes(StandardCharsets.UTF_8));
      put(
          tar,
          "manifest.json",
          ("[{\"Config\":\"config.json\",\"RepoTags\":[\"t:1\"],\"Layers\":[" + names + "]}]")
              .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
