package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TempFolderTest {
  @Test
  void file_landsInThisProcesssOwnFolder_whoseOwnerFileGcReads() throws Exception {
    Path file = TempFolder.file("twice-", ".tar");
    try {
      Path folder = file.getParent();
      assertTrue(
          folder.getFileName().toString().startsWith(TempFolder.PROCESS_PREFIX), folder.toString());
      assertEquals(
          Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(),
          folder.getParent().toAbsolutePath());
      List<TempFolder.Left> left =
          TempFolder.leftUnder(folder.getParent()).stream()
              .filter(l -> l.dir().equals(folder))
              .toList();
      assertEquals(1, left.size(), "gc sees the folder");
      assertEquals("process-" + ProcessHandle.current().pid(), left.get(0).runId());
      Owner.current().ifPresent(o -> assertEquals(o.label(), left.get(0).owner()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void directory_andFile_shareOneFolder_madeAgainWhenSomeoneRemovedIt() throws Exception {
    Path dir = TempFolder.directory("build-");
    Path folder = dir.getParent();
    TempFolder.deleteQuietly(folder);
    assertFalse(Files.exists(folder));
    Path file = TempFolder.file("host", ".log");
    assertTrue(Files.isRegularFile(file));
    assertTrue(Files.isRegularFile(file.getParent().resolve(TempFolder.OWNER_FILE)));
    Files.delete(file);
  }
}
