package io.splitcheck.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Something an integration test needs besides the engine (a base image, the docker CLI). Missing,
 * the test is skipped with the reason, unless {@code SPLITCHECK_REQUIRE_ENGINE=1} (CI, nightly),
 * where it fails instead: CI installs everything the tests need, so a skip there hides a broken
 * set-up.
 */
public final class Prerequisite {
  private Prerequisite() {}

  public static void require(boolean present, String whatIsMissing) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
      fail(whatIsMissing + " (SPLITCHECK_REQUIRE_ENGINE=1: a missing prerequisite fails)");
    }
    assumeTrue(false, whatIsMissing);
  }
}
