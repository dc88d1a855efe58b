package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI without an image (audit --dockerfile alone) and without a command. */
class NoImageNoCommandTest {
  @TempDir Path dir;

  @Test
  void noCommand_printsUsageToStderr_andExits2() {
    Cli.Result r = Cli.run();

    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Usage: splitcheck") && r.err().contains("matrix"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void auditWithOnlyADockerfile_runsTheDockerfileRules_withoutAskingAnEngine() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile,
        "FROM debian:bookworm\nENV API_TOKEN=abc123\nRUN apt-get update && apt-get install -y curl\n");

    Cli.Result r =
        Cli.run(
            "audit",
            "--dockerfile",
            dockerfile.toString(),
            "--fail-on",
            "warning",
            "--docker-host",
            "unix:///nonexistent/no-engine.sock");

    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(
        r.out().contains("dockerfile.secret-in-env") && r.out().contains("Dockerfile line 2"),
        r.out());
    assertTrue(r.out().contains("dockerfile.unpinned-base"), r.out());
    assertTrue(!r.out().contains("abc123"), "redacted: " + r.out());
  }

  @Test
  void auditWithNeitherImageNorDockerfile_isRejectedSayingWhatToGive() {
    Cli.Result r = Cli.run("audit");

    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("give a local image, or --dockerfile FILE"), r.err());
  }

  @Test
  void auditIgnores_theIgnoreFilesEntries_andTheDockerfilesInlineComment() throws Exception {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile,
        "FROM debian:bookworm\n# splitcheck ignore=dockerfile.secret-in-env\n"
            + "ENV API_TOKEN=abc123\nRUN apt-get update && apt-get install -y curl\n");
    Path ignore = dir.resolve("ignore");
    Files.writeString(ignore, "dockerfile.apt-lists\ndockerfile.unpinned-base debian:bookworm\n");

    Cli.Result r =
        Cli.run("audit", "--dockerfile", dockerfile.toString(), "--ignorefile", ignore.toString());

    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("dockerfile.apt-recommends"), r.out());
    assertTrue(
        !r.out().contains("secret-in-env")
            && !r.out().contains("apt-lists")
            && !r.out().contains("unpinned-base"),
        r.out());
  }
}
