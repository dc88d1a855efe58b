package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledProfilesTest {

  @Test
  void find_readsTheJarsCopy_whenNoFolderHasTheName(@TempDir Path empty) throws Exception {
    BundledProfiles.Bundled b = BundledProfiles.find("prod-getrandom-eperm", empty).orElseThrow();

    assertEquals("classpath:/seccomp-profiles/prod-getrandom-eperm.json", b.source());
    assertEquals(
        Files.readString(Path.of("../seccomp-profiles/prod-getrandom-eperm.json")), b.json());
    SeccompProfile.parse(b.json(), b.source());
  }

  @Test
  void find_prefersTheFolder_overTheJarsCopy(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("prod-getrandom-eperm.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");

    BundledProfiles.Bundled b = BundledProfiles.find("prod-getrandom-eperm", dir).orElseThrow();

    assertEquals(dir.resolve("prod-getrandom-eperm.json").toString(), b.source());
    assertTrue(b.json().contains("SCMP_ACT_ALLOW"));
  }

  @Test
  void require_namesTheOptionTheNameAndTheFoldersProfiles_whenUnknown() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BundledProfiles.require(
                    "--profile", "docker-17.03", Path.of("../seccomp-profiles")));

    assertTrue(
        e.getMessage()
            .startsWith(
                "--profile docker-17.03: no bundled seccomp profile 'docker-17.03' ("
                    + "../seccomp-profiles/docker-17.03.json, classpath /seccomp-profiles/docker-17.03.json), expected"
                    + " NAME=FILE or one of "),
        e.getMessage());
    assertTrue(e.getMessage().contains("prod-getrandom-eperm"), e.getMessage());
    assertTrue(BundledProfiles.find("../pom", null).isEmpty(), "a name is not a path");
  }
}
