package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomCellsEngineTest {

  private static final Path PODMAN =
      Path.of(
          "../splitcheck-core/src/test/resources/fixtures/seccomp/podman-containers-common-debian12.json");

  @Test
  void engineWarnings_sayWhatDocker2010Drops_fromContainersCommonsProfile() throws Exception {
    CustomCells cells = CustomCells.load(Map.of("podman", PODMAN), Map.of(), null);

    List<String> warnings = cells.engineWarnings("20.10.24+dfsg1");
    // its errno names repeat its errnoRet numbers and defaultErrno says what defaultErrnoRet says:
    // only the dropped defaultErrnoRet changes what a call returns
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "seccomp profile 'profile "
                    + PODMAN
                    + "': defaultErrnoRet 38 (ENOSYS) is"
                    + " ignored by engine 20.10.24+dfsg1; the default action returns EPERM"),
        warnings.get(0));
    assertEquals(
        List.of(),
        cells.engineWarnings("26.1.5"),
        "23+ honours defaultErrnoRet; the names it drops change nothing");
    assertEquals(
        List.of(), cells.engineWarnings("4.3.1"), "Podman's version: it reads every field");
  }

  @Test
  void restrictions_attributeTheProfileAsTheEngineAppliesIt() throws Exception {
    CustomCells cells = CustomCells.load(Map.of("podman", PODMAN), Map.of(), null);
    Cell cell = cells.cells().get(0);

    assertEquals(
        null,
        Restrictions.of(cell, null, "20.10.24+dfsg1").profile().defaultErrnoRet(),
        "Docker 20.10 drops defaultErrnoRet: attribution expects EPERM");
    assertEquals(38, Restrictions.of(cell, null, "26.1.5").profile().defaultErrnoRet());
    assertEquals(38, Restrictions.of(cell, null, null).profile().defaultErrnoRet());
  }
}
