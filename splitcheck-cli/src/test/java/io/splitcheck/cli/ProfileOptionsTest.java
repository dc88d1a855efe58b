package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void aPath_isACellNamedAfterItsFile_andAMissingOneIsAnErrorNamingIt(@TempDir Path dir)
      throws Exception {
    Path prod = Files.writeString(dir.resolve("prod.seccomp.json"), "{}");
    Path odd = Files.writeString(dir.resolve("a=b.json"), "{}");
    Files.writeString(dir.resolve("k8s.json"), "{}");

    Map<String, Path> m =
        ProfileOptions.toMap(List.of(prod.toString(), dir + "/k8s.json", "x=" + prod), Map.of());

    assertEquals(List.of("prod.seccomp", "k8s", "x"), List.copyOf(m.keySet()));
    assertEquals(prod, m.get("prod.seccomp"));
    assertEquals(prod, m.get("x"));
    IllegalArgumentException unnamed =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileOptions.toMap(List.of(odd.toString()), Map.of()));
    assertTrue(
        unnamed.getMessage().contains("the file's name 'a=b' makes no cell name")
            && unnamed.getMessage().endsWith("give one: NAME=" + odd),
        "a '/' before the '=' makes it a path, not NAME=FILE: " + unnamed.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileOptions.toMap(List.of(dir + "/gone.json"), Map.of()));
    assertTrue(
        missing.getMessage().startsWith("--profile " + dir + "/gone.json: no such file"),
        missing.getMessage());
    IllegalArgumentException bare =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileOptions.toMap(List.of("nothere.json"), Map.of()));
    assertTrue(bare.getMessage().contains("nothere.json: no such file"), bare.getMessage());
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
