package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.ContainerSecurity;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.SeccompProfile;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestrictionsTest {
  private static final SeccompProfile DEFAULT =
      SeccompProfile.parse("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}", "test default");

  private static CellRestrictions of(String builtIn) {
    return Restrictions.of(BuiltInCells.named(builtIn).orElseThrow(), DEFAULT);
  }

  @Test
  void of_mapsRestrictedToEveryRestriction() {
    CellRestrictions r = of("restricted");
    assertEquals(DEFAULT, r.profile());
    assertTrue(r.engineDefaultProfile());
    assertEquals(Set.of(), r.effectiveCaps());
    assertTrue(r.readOnlyRoot());
    assertEquals(Set.of("/tmp"), r.writablePaths());
    assertTrue(r.noNetwork());
  }

  @Test
  void of_mapsUnconfinedToNoProfileAndDockerDefaultCaps() {
    CellRestrictions r = of("unconfined");
    assertNull(r.profile());
    assertFalse(r.engineDefaultProfile());
    assertTrue(r.effectiveCaps().contains("CAP_CHOWN"), r.effectiveCaps().toString());
    assertFalse(r.readOnlyRoot() || r.noNetwork());
  }

  @Test
  void of_parsesCustomProfile_andGivesNoneWhenSplitcheckCannotParseIt() {
    Cell ok =
        new Cell(
            "p",
            ContainerSecurity.customProfile("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}"),
            "profile p.json");
    assertEquals("SCMP_ACT_ALLOW", Restrictions.of(ok, DEFAULT).profile().defaultAction());
    assertFalse(Restrictions.of(ok, DEFAULT).engineDefaultProfile());
    Cell odd =
        new Cell(
            "q",
            ContainerSecurity.customProfile("{\"defaultAction\":\"SCMP_ACT_X\"}"),
            "profile q.json");
    assertNull(Restrictions.of(odd, DEFAULT).profile());
  }
}
