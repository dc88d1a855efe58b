package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileOptionsTest {

  @Test
  void bareName_resolvesTheBundledProfile_fromTheJar_outsideTheRepository() throws Exception {
    Map<String, Path> m =
        ProfileOptions.toMap(
            List.of("prod-getrandom-eperm", "mine=/x/p.json"),
            Map.of("SPLITCHECK_PROFILES", "/nonexistent"));

    assertEquals(List.of("prod-getrandom-eperm", "mine"), List.copyOf(m.keySet()));
    assertEquals(
        Files.readString(Path.of("../seccomp-profiles/prod-getrandom-eperm.json")),
        Files.readString(m.get("prod-getrandom-eperm")));
    assertEquals(Path.of("/x/p.json"), m.get("mine"));
  }

  @Test
  void bareName_resolvesTheFolderFile_whenSplitcheckProfilesHasIt() {
    Map<String, Path> m =
        ProfileOptions.toMap(
            List.of("prod-getrandom-eperm"), Map.of("SPLITCHECK_PROFILES", "../seccomp-profiles"));

    assertEquals(
        Path.of("../seccomp-profiles/prod-getrandom-eperm.json"), m.get("prod-getrandom-eperm"));
  }

  @Test
  void sameCellTwice_isAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProfileOptions.toMap(
                    List.of("prod-getrandom-eperm", "prod-getrandom-eperm=/p.json"), Map.of()));
    assertTrue(
        e.getMessage().contains("cell name 'prod-getrandom-eperm' is given twice"), e.getMessage());
  }
}
