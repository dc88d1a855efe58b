package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A cell whose program never started is untraceable for that reason, in the runtime's own words.
 */
class StartProblemTest {
  @Test
  void startProblem_quotesTheRuntimesReason_fromTheEnginesStartError() {
    // captured from engine 20.10.24 for an image whose ENTRYPOINT is /app/server, absent
    String engine =
        "POST /containers/7d70c7f33ebf/start: failed to create shim task: OCI runtime create failed: "
            + "runc create failed: unable to start container process: exec: \"/app/server\": stat /app/server: "
            + "no such file or directory: unknown";
    assertEquals(
        "exec: \"/app/server\": stat /app/server: no such file or directory",
        StartErrors.startProblem(engine));
    assertEquals("some other engine error", StartErrors.startProblem("some other engine error"));
  }
}
