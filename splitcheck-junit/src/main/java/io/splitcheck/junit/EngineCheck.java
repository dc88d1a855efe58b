package io.splitcheck.junit;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.engine.EngineReachability;

/**
 * Whether a Docker engine answers, and what a test does when none does: skip with the reason, or
 * fail under {@code SPLITCHECK_REQUIRE_ENGINE=1} (CI and nightly runs that must not pass by
 * skipping).
 */
final class EngineCheck {
  static final String REQUIRE_ENGINE = "SPLITCHECK_REQUIRE_ENGINE";

  private EngineCheck() {}

  /**
   * Why no engine answers at DOCKER_HOST (or the local socket), for a skip or a failure; null when
   * one does.
   */
  static String whyNoEngine() {
    String why = EngineReachability.whyNoEngine(null);
    return why == null
        ? null
        : "no Docker engine answers at "
            + DockerClients.hostOf(null)
            + " ("
            + why
            + "); set DOCKER_HOST to an engine's socket or URL to run splitcheck";
  }

  static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENGINE));
  }
}
