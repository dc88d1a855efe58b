package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCacheTest {
  private static final BuildKitClient LEGACY =
      new BuildKitClient("/usr/bin/docker", BuildKitClient.Mode.LEGACY_BUILDKIT, "20.10.24+dfsg1");

  @TempDir Path dir;

  private ProbeCache cache(Path bin, Path home) {
    return new ProbeCache(
        dir.resolve("checks"), Map.of("PATH", bin.toString(), "HOME", home.toString()));
  }

  private Path cli(Path bin, String content) throws Exception {
    Files.createDirectories(bin);
    Path docker = bin.resolve("docker");
    Files.writeString(docker, content);
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    return docker;
  }

  @Test
  void read_returnsTheClientWritten_forTheSameCandidates() throws Exception {
    Path bin = dir.resolve("bin");
    cli(bin, "#!/bin/sh\n");
    ProbeCache cache = cache(bin, dir.resolve("home"));
    cache.write(List.of("docker", "/usr/bin/docker"), LEGACY);

    assertEquals(Optional.of(LEGACY), cache.read(List.of("docker", "/usr/bin/docker")));
    assertEquals(Optional.empty(), cache.read(List.of("/usr/bin/docker")));
  }

  @Test
  void key_changes_whenTheClientOnPathIsReplaced() throws Exception {
    Path bin = dir.resolve("bin");
    Path docker = cli(bin, "#!/bin/sh\n");
    ProbeCache cache = cache(bin, dir.resolve("home"));
    String before = cache.key(List.of("docker"));

    Files.writeString(docker, "#!/bin/sh\necho newer client\n");

    assertNotEquals(before, cache.key(List.of("docker")));
  }

  @Test
  void key_changes_whenABuildxPluginIsInstalledForTheUser() throws Exception {
    Path bin = dir.resolve("bin");
    cli(bin, "#!/bin/sh\n");
    Path home = dir.resolve("home");
    ProbeCache cache = cache(bin, home);
    String before = cache.key(List.of("docker"));

    Path plugins = Files.createDirectories(home.resolve(".docker/cli-plugins"));
    Files.setLastModifiedTime(plugins, FileTime.fromMillis(1_000_000));

    assertNotEquals(before, cache.key(List.of("docker")));
  }

  @Test
  void key_followsDockerConfig_andABuildxReplacedInPlace() throws Exception {
    Path bin = dir.resolve("bin");
    cli(bin, "#!/bin/sh\n");
    Path config = dir.resolve("config");
    Path plugins = Files.createDirectories(config.resolve("cli-plugins"));
    Map<String, String> env =
        Map.of(
            "PATH", bin.toString(),
            "HOME", dir.resolve("home").toString(),
            "DOCKER_CONFIG", config.toString());
    ProbeCache cache = new ProbeCache(dir.resolve("checks"), env);
    String before = cache.key(List.of("docker"));
    assertNotEquals(before, cache(bin, dir.resolve("home")).key(List.of("docker")));

    Path buildx = plugins.resolve("docker-buildx");
    Files.writeString(buildx, "#!/bin/sh\n");
    FileTime dirTime = Files.getLastModifiedTime(plugins);
    String installed = cache.key(List.of("docker"));
    Files.writeString(buildx, "#!/bin/sh\necho a newer buildx\n");
    Files.setLastModifiedTime(plugins, dirTime); // the folder's own time unchanged

    assertNotEquals(before, installed);
    assertNotEquals(installed, cache.key(List.of("docker")));
  }

  @Test
  void read_isNoEntry_whenTheFileIsDamaged() throws Exception {
    Path bin = dir.resolve("bin");
    cli(bin, "#!/bin/sh\n");
    ProbeCache cache = cache(bin, dir.resolve("home"));
    Files.createDirectories(dir.resolve("checks"));
    Files.writeString(cache.file(List.of("docker")), "/usr/bin/docker\tNO_SUCH_MODE\t20.10\n");

    assertEquals(Optional.empty(), cache.read(List.of("docker")));
  }
}
