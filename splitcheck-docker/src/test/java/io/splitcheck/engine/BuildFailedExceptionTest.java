package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildFailedExceptionTest {
  @Test
  void staleBuildCache_isNamed_withItsRemedy() {
    // the builder's own line, as Docker 20.10.24's BuildKit printed it for scenarios/base-drift
    BuildFailedException e =
        new BuildFailedException("docker build ctx", 1, List.of("ERROR: layer does not exist"));

    assertTrue(e.getMessage().contains("known BuildKit bug, moby/moby#41595"), e.getMessage());
    assertTrue(e.getMessage().contains("`docker builder prune`"), e.getMessage());
  }

  @Test
  void otherFailures_quoteTheBuilderOnly() {
    BuildFailedException e =
        new BuildFailedException("docker build ctx", 1, List.of("ERROR: process \"/bin/false\""));

    assertEquals(
        "build failed (docker build ctx exited 1):\n  ERROR: process \"/bin/false\"",
        e.getMessage());
  }
}
