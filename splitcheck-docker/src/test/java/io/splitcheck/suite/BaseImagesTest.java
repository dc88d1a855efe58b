package io.splitcheck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.audit.Dockerfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseImagesTest {
  @Test
  void fromReferences_skipsScratchStageNamesAndUnresolvedArgs_andSubstitutesGlobalArgs() {
    Dockerfile df =
        Dockerfile.parse(
            "Dockerfile",
            String.join(
                "\n",
                "ARG BASE=splitcheck/debian:bookworm",
                "FROM --platform=linux/amd64 ${BASE} AS Build",
                "RUN make \\",
                "    all",
                "FROM build AS test",
                "FROM scratch",
                "FROM $UNSET_ARG",
                "FROM splitcheck/debian:bookworm",
                "COPY --from=build /app /app",
                ""));

    assertEquals(List.of("splitcheck/debian:bookworm"), BaseImages.fromReferences(df));
  }
}
