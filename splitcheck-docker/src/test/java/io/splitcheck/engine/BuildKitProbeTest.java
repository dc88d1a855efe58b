package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against stand-in CLIs: shell scripts that answer as each kind of docker client does.
 */
class BuildKitProbeTest {
  @TempDir Path dir;

  private Path fakeCli(String name, String version, boolean buildx) throws Exception {
    Path cli = dir.resolve(name);
    Files.writeString(
        cli,
        "#!/bin/sh\n"
            + "if [ \"$1\" = --version ]; then echo 'Docker version "
            + version
            + ", build 297e128'; exit 0; fi\n"
            + "if [ \"$1\" = buildx ]; then "
            + (buildx
                ? "echo 'github.com/docker/buildx v0.12.1'; exit 0"
                : "echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1")
            + "; fi\n"
            + "exit 1\n");
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
    return cli;
  }

  @Test
  void find_usesTheLegacyBuildKitBuilder_ofAClientOlderThan23() throws Exception {
    BuildKitClient c = BuildKitProbe.find(fakeCli("docker20", "20.10.24+dfsg1", false).toString());
    assertEquals(BuildKitClient.Mode.LEGACY_BUILDKIT, c.mode());
    assertEquals(List.of(c.executable(), "build"), c.buildCommand());
  }

  @Test
  void find_usesBuildx_whenThePluginAnswers() throws Exception {
    BuildKitClient c = BuildKitProbe.find(fakeCli("docker28x", "28.2.2", true).toString());
    assertEquals(BuildKitClient.Mode.BUILDX, c.mode());
    assertEquals(List.of(c.executable(), "buildx", "build", "--load"), c.buildCommand());
  }

  @Test
  void find_failsClearly_forANewClientWithoutBuildx() throws Exception {
    Path cli = fakeCli("docker28", "28.2.2", false);
    EngineException e =
        assertThrows(EngineException.class, () -> BuildKitProbe.find(cli.toString()));
    assertTrue(e.getMessage().contains("no BuildKit-capable docker client found"), e.getMessage());
    assertTrue(
        e.getMessage().contains(cli + ": client 28.2.2 has no buildx plugin"), e.getMessage());
  }

  @Test
  void find_namesACandidateThatDoesNotRun() {
    EngineException e =
        assertThrows(EngineException.class, () -> BuildKitProbe.find("/nonexistent/docker"));
    assertTrue(e.getMessage().contains("/nonexistent/docker: does not run"), e.getMessage());
  }

  @Test
  void majorVersion_readsDebianAndPrefixedVersions() {
    assertEquals(20, BuildKitProbe.majorVersion("20.10.24+dfsg1"));
    assertEquals(28, BuildKitProbe.majorVersion("v28.2.2"));
  }

  @Test
  void clientVersion_readsTheVersionOfDockerAndPodmanVersionLines() {
    assertEquals(
        Optional.of("20.10.24+dfsg1"),
        BuildKitProbe.clientVersion("Docker version 20.10.24+dfsg1, build 297e128"));
    assertEquals(Optional.of("4.3.1"), BuildKitProbe.clientVersion("podman version 4.3.1"));
    assertEquals(Optional.empty(), BuildKitProbe.clientVersion("usage: docker [OPTIONS]"));
  }
}
