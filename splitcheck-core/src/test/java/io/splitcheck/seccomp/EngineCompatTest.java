package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineCompatTest {

  private static final SeccompProfile ENOSYS_DEFAULT =
      SeccompProfile.parse(
          "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 38}", "enosys.json");

  @Test
  void asLoaded_dropsDefaultErrnoRet_onEngine2010() {
    SeccompProfile loaded = EngineCompat.asLoaded(ENOSYS_DEFAULT, "20.10.24+dfsg1");

    assertEquals(
        "EPERM", ProfileEvaluator.evaluate(loaded, "getrandom", Set.of(), "amd64").errnoName());
    assertSame(ENOSYS_DEFAULT, EngineCompat.asLoaded(ENOSYS_DEFAULT, "24.0.7"));
  }

  @Test
  void warnings_nameProfileAndEngine() {
    List<String> warnings = EngineCompat.warnings(ENOSYS_DEFAULT, "enosys.json", "20.10.24");

    assertEquals(1, warnings.size());
    assertTrue(
        warnings
            .get(0)
            .startsWith(
                "seccomp profile 'enosys.json': defaultErrnoRet 38 (ENOSYS) is ignored by "
                    + "engine 20.10.24"),
        warnings.get(0));
    assertEquals(List.of(), EngineCompat.warnings(ENOSYS_DEFAULT, "enosys.json", "25.0.0"));
  }
}
