package io.splitcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.splitcheck.diff.LayerSummary;
import io.splitcheck.diff.PairedLayerReader;
import io.splitcheck.model.EntryType;
import io.splitcheck.model.FileEntry;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overlay2 layer directory built by hand, read as the engine's layer tar would list it. */
class OverlayLayerReaderTest {
  @TempDir Path layer;

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
  }

  private static String line(FileEntry e) {
    return e.index()
        + " "
        + e.path()
        + " "
        + e.type()
        + " "
        + Integer.toOctalString(e.mode())
        + " "
        + e.size()
        + (e.linkTarget() == null ? "" : " -> " + e.linkTarget());
  }

  @Test
  void
      walk_listsNamesBytewiseSorted_directoriesBeforeTheirContents_hardLinksAsLinks_socketsLeftOut()
          throws Exception {
    Files.createDirectories(layer.resolve("opt/a"));
    Files.writeString(layer.resolve("opt/a/f"), "hi\n");
    Files.createLink(layer.resolve("opt/a/hl"), layer.resolve("opt/a/f"));
    Files.createSymbolicLink(layer.resolve("opt/a/sl"), Path.of("f"));
    Files.writeString(layer.resolve("opt/Zed"), "");
    Files.writeString(layer.resolve("opt/\u00fc"), "");
    Files.writeString(layer.resolve("opt/b"), "");
    run("mkfifo", layer.resolve("opt/fifo").toString());
    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(layer.resolve("opt/sock")));
      run("chmod", "4755", layer.resolve("opt/a/f").toString());
      List<String> lines = OverlayWalk.walk(layer).stream().map(i -> line(i.entry())).toList();
      assertEquals(
          List.of(
              "0 /opt DIRECTORY 40755 0",
              "1 /opt/Zed FILE 100644 0",
              "2 /opt/a DIRECTORY 40755 0",
              "3 /opt/a/f FILE 104755 3",
              "4 /opt/a/hl HARDLINK 104755 0 -> /opt/a/f",
              "5 /opt/a/sl SYMLINK 120777 0 -> f",
              "6 /opt/b FILE 100644 0",
              "7 /opt/fifo FIFO 10644 0",
              "8 /opt/\u00fc FILE 100644 0"),
          lines);
    }
  }

  @Test
  void walk_keepsNamesThatAreNotUtf8_asBytes_escaped_andReadsWhatTheyName() throws Exception {
    run(
        "python3",
        "-c",
        "import os,sys; d=sys.argv[1].encode(); os.makedirs(d+b'/opt/d-\\x8d');"
            + " open(d+b'/opt/d-\\x8d/caf\\xe9','w').write('x');"
            + " open(d+b'/opt/name-\\xeb','w').write('yy');"
            + " os.symlink(b'caf\\xe9', d+b'/opt/ln-\\x8d')",
        layer.toString());
    List<OverlayWalk.Item> items = OverlayWalk.walk(layer);
    List<String> lines = items.stream().map(i -> line(i.entry())).toList();
    assertEquals(
        List.of(
            "0 /opt DIRECTORY 40755 0",
            "1 /opt/d-\\x8d DIRECTORY 40755 0",
            "2 /opt/d-\\x8d/caf\\xe9 FILE 100644 1",
            "3 /opt/ln-\\x8d SYMLINK 120777 0 -> caf\\xe9",
            "4 /opt/name-\\xeb FILE 100644 2"),
        lines);
    LayerSummary read = OverlayLayerReader.read("k", "sha256:x", layer);
    assertEquals(
        OverlayLayerReader.sha256(items.get(4).file(), new byte[64]),
        read.entries().get(4).sha256());
  }

  @Test
  void walk_cutsMtimesToWholeSeconds_asTheEngineTarWritesThem() throws Exception {
    Path f = Files.writeString(layer.resolve("f"), "x");
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-26T19:15:42.987654321Z")));
    assertEquals(
        Instant.parse("2026-11-26T19:15:42Z"), OverlayWalk.walk(layer).get(0).entry().mtime());
  }

  @Test
  void walk_turnsAWhiteoutDevice_intoTheWhiteoutOfThatPath() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mknod needs root");
    Files.createDirectories(layer.resolve("etc"));
    run("mknod", layer.resolve("etc/debian_version").toString(), "c", "0", "0");
    FileEntry whiteout = OverlayWalk.walk(layer).get(1).entry();
    assertEquals("/etc/debian_version", whiteout.path());
    assertEquals(EntryType.WHITEOUT, whiteout.type());
    assertEquals(0600, whiteout.mode());
  }

  @Test
  void readPair_marksEqualFilesEqual_andHashesBothSidesOfAFileThatDiffers() throws Exception {
    Path a = Files.createDirectories(layer.resolve("a"));
    Path b = Files.createDirectories(layer.resolve("b"));
    for (Path side : List.of(a, b)) {
      Files.write(side.resolve("same.bin"), new byte[3 << 20]);
      Files.write(
          side.resolve("stamp"), (side == a ? "1111" : "2222").getBytes(StandardCharsets.UTF_8));
    }
    LayerSummary[] pair = OverlayLayerReader.readPair("k", "sha256:a", a, "sha256:b", b);
    assertEquals(PairedLayerReader.EQUAL, pair[0].entries().get(0).sha256());
    assertEquals(PairedLayerReader.EQUAL, pair[1].entries().get(0).sha256());
    assertEquals(
        "0ffe1abd1a08215353c233d6e009613e95eec4253832a761af28ff37ac5a150c",
        pair[0].entries().get(1).sha256());
    assertEquals(
        "edee29f882543b956620b26d0ee0e7e950399b1c4222f5de05e06425b4c995e9",
        pair[1].entries().get(1).sha256());
  }
}
