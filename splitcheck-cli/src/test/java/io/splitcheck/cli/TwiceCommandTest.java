package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** twice's own input errors, before any build: exit 2 with a message naming what was wrong. */
class TwiceCommandTest {
  @TempDir Path dir;

  private Path context() throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    return dir;
  }

  @Test
  void twice_namesAnAcceptThatIsNoVerdictItCanAccept() throws Exception {
    Cli.Result r = Cli.run("twice", context().toString(), "--accept", "content");
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("--accept 'content': expected config-only, mtime-only or metadata"),
        r.err());
  }

  @Test
  void twice_namesTheBuildArgWithoutEquals() throws Exception {
    Cli.Result r = Cli.run("twice", context().toString(), "--build-arg", "VERSION");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--build-arg 'VERSION': expected KEY=VALUE"), r.err());
  }

  @Test
  void twice_namesTheSecretWhoseFileIsMissing() throws Exception {
    Cli.Result r =
        Cli.run("twice", context().toString(), "--secret", "id=ca,src=/nonexistent/ca.pem");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("file '/nonexistent/ca.pem' does not exist"), r.err());
  }

  @Test
  void twice_namesAContextThatIsNotADirectory() {
    Cli.Result r = Cli.run("twice", dir.resolve("nope").toString());
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("build context '" + dir.resolve("nope") + "' is not a directory"),
        r.err());
  }

  @Test
  void twice_saysNoEngineAnswers_atTheHostGiven() throws Exception {
    Cli.Result r =
        Cli.run("twice", context().toString(), "--docker-host", "unix:///nonexistent/docker.sock");
    assertEquals(2, r.exitCode());
    assertTrue(
        r.err().contains("no Docker engine answers at unix:///nonexistent/docker.sock"), r.err());
  }

  @Test
  void twice_rejectsABuildTimeoutThatIsNotADuration() throws Exception {
    Cli.Result r = Cli.run("twice", context().toString(), "--build-timeout", "soon");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--build-timeout 'soon': expected a duration"), r.err());
  }
}
