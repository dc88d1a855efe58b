package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheScopeTest {
  @Test
  void scoped_addsTheScopeArgAfterEveryFrom_includingContinuedOnes_andKeepsTheRest() {
    String text =
        "# syntax=docker/dockerfile:1\nFROM a \\\n  AS build\nRUN make\nFROM scratch\nCOPY --from=build /x /x\n";
    String scoped = CacheScope.scoped("D", text);
    assertEquals(
        "# syntax=docker/dockerfile:1\nFROM a \\\n  AS build\nARG SPLITCHECK_CACHE_SCOPE\nRUN make\n"
            + "FROM scratch\nARG SPLITCHECK_CACHE_SCOPE\nCOPY --from=build /x /x\n",
        scoped);
    Dockerfile df = Dockerfile.parse("D", scoped);
    assertEquals(
        List.of("FROM", "ARG", "RUN", "FROM", "ARG", "COPY"),
        df.instructions().stream().map(Instruction::keyword).toList());
  }
}
