package io.splitcheck.audit;

import static io.splitcheck.audit.ImageFixture.image;
import static io.splitcheck.audit.ImageFixture.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextRulesTest {
  @TempDir Path dir;

  private Path context(boolean withIgnore) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /app\n");
    Files.createDirectories(dir.resolve("conf"));
    Files.createSymbolicLink(dir.resolve("conf/hosts"), Path.of("../../etc/hosts"));
    Files.createSymbolicLink(dir.resolve("inside"), Path.of("conf"));
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("dump.bin").toFile(), "rw")) {
      f.setLength(2048);
    }
    if (withIgnore) {
      Files.writeString(dir.resolve(".dockerignore"), "# build junk\n*.bin\n!keep.bin\n");
    }
    return dir;
  }

  private List<Finding> check(BuildContext ctx, ImageView img) throws Exception {
    AuditConfig cfg = new AuditConfig(List.of(), List.of(), null, 1024, 0, 0);
    Dockerfile df = Dockerfile.read(dir.resolve("Dockerfile"));
    return new ContextRules()
        .check(AuditInput.of(img).withDockerfile(df).withContext(ctx).withConfig(cfg));
  }

  @Test
  void check_reportsOutsideSymlinkLargeFileAndCopyAllWithoutDockerignore() throws Exception {
    BuildContext ctx = BuildContext.scan(context(false), dir.resolve("Dockerfile"));
    ImageView img =
        image().layer("COPY . /app").symlink("/app/conf/hosts", "../../etc/hosts").build();
    List<Finding> f = check(ctx, img);
    List<Finding> link = only(f, "context.symlink-outside");
    assertEquals(1, link.size(), f.toString());
    assertEquals("conf/hosts", link.get(0).evidence().path());
    assertTrue(
        link.get(0).message().contains("in the image as /app/conf/hosts (symlink"),
        link.get(0).message());
    assertEquals(
        List.of("dump.bin"),
        only(f, "context.large-file").stream().map(x -> x.evidence().path()).toList());
    assertEquals(
        List.of(2),
        only(f, "context.copy-all-no-dockerignore").stream()
            .map(x -> x.evidence().line())
            .toList());
  }

  @Test
  void check_honoursDockerignore() throws Exception {
    BuildContext ctx = BuildContext.scan(context(true), dir.resolve("Dockerfile"));
    List<Finding> f = check(ctx, null);
    assertEquals(List.of(), only(f, "context.large-file"));
    assertEquals(List.of(), only(f, "context.copy-all-no-dockerignore"));
  }

  @Test
  void dockerignore_matchesGlobsDoubleStarExceptionsAndDirectories() {
    Dockerignore ig =
        new Dockerignore(
            List.of("**/*.log", "node_modules", "!node_modules/keep", "/build/", "secret?.txt"));
    assertTrue(ig.excluded("a/b/c.log"));
    assertTrue(ig.excluded("x.log"));
    assertTrue(ig.excluded("node_modules/jest/index.js"));
    assertFalse(ig.excluded("node_modules/keep"));
    assertTrue(ig.excluded("build/out/app"));
    assertTrue(ig.excluded("secret1.txt"));
    assertFalse(ig.excluded("src/secret1.txt"));
    assertFalse(ig.excluded("src/main.c"));
  }

  @Test
  void escapes_isLexical() {
    assertTrue(BuildContext.escapes(new BuildContext.ContextFile("a", true, 0, "/etc/passwd")));
    assertTrue(BuildContext.escapes(new BuildContext.ContextFile("a/b", true, 0, "../../x")));
    assertFalse(BuildContext.escapes(new BuildContext.ContextFile("a/b", true, 0, "../x")));
  }
}
