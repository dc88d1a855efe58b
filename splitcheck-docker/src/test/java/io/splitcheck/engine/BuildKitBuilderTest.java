package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildKitBuilderTest {
  @Test
  void errorLines_quoteTheFailingStepsLastOutput_beforeBuildKitsError() {
    List<String> log =
        List.of(
            "#5 [2/3] RUN apt-get update && apt-get install -y hello",
            "#5 0.412 Err:1 http://mirror/debian bookworm InRelease",
            "#5 0.413   Temporary failure resolving 'mirror'",
            "#5 1.020 E: Unable to locate package hello",
            "#5 ERROR: executor failed running [/bin/sh -c apt-get update && apt-get install -y hello]: exit code: 100",
            "------",
            "executor failed running [/bin/sh -c apt-get update && apt-get install -y hello]: exit code: 100");

    assertEquals(
        List.of(
            "| Err:1 http://mirror/debian bookworm InRelease",
            "|   Temporary failure resolving 'mirror'",
            "| E: Unable to locate package hello",
            "ERROR: executor failed running [/bin/sh -c apt-get update && apt-get install -y hello]: exit code: 100",
            "executor failed running [/bin/sh -c apt-get update && apt-get install -y hello]: exit code: 100"),
        BuildKitBuilder.errorLines(log));
  }

  @Test
  void errorLines_fallBackToTheLogsLastLines_withoutAnErrorMarker() {
    assertEquals(List.of("a", "b"), BuildKitBuilder.errorLines(List.of("a", "b")));
  }
}
