package io.splitcheck.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixRequestTest {
  @Test
  void builder_givesTheDocumentedDefaults_forEveryOptionNotSet() {
    MatrixRequest r = MatrixRequest.builder("probe:1").build();

    assertEquals("probe:1", r.image());
    assertEquals(List.of(), r.configs());
    assertEquals(Map.of(), r.profiles());
    assertEquals(Map.of(), r.derives());
    assertNull(r.baseline());
    assertEquals(TraceMode.AUTO, r.trace());
    assertEquals(MatrixOptions.DEFAULT_TIMEOUT, r.timeout());
    assertEquals(MatrixOptions.defaultJobs(), r.jobs());
    assertEquals(List.of(), r.command());
    assertNull(r.defaultProfile());
    assertEquals(TracerChoice.PTRACE, r.tracer());
    assertEquals(CellOverrides.NONE, r.overrides());
    assertEquals(List.of(), r.pods());
  }

  @Test
  void request_keepsTheCellsInTheOrderGiven_andCannotBeChangedThroughItsMaps() {
    Map<String, Path> profiles = new LinkedHashMap<>();
    profiles.put("zeta", Path.of("z.json"));
    profiles.put("alpha", Path.of("a.json"));
    MatrixRequest r = MatrixRequest.builder("probe:1").profiles(profiles).build();
    profiles.put("later", Path.of("l.json"));

    assertEquals(List.of("zeta", "alpha"), List.copyOf(r.profiles().keySet()));
    assertThrows(
        UnsupportedOperationException.class, () -> r.profiles().put("x", Path.of("x.json")));
    assertThrows(
        UnsupportedOperationException.class, () -> r.derives().put("x", "getrandom=EPERM"));
  }

  @Test
  void toBuilder_changesOnlyWhatIsSetAgain() {
    MatrixRequest r =
        MatrixRequest.builder("probe:1")
            .configs(List.of("unconfined", "read-only"))
            .trace(TraceMode.NEVER)
            .timeout(Duration.ofSeconds(5))
            .jobs(2)
            .baseline("unconfined")
            .build();

    MatrixRequest other = r.toBuilder().image("built:2").build();

    assertEquals("built:2", other.image());
    assertEquals(List.of("unconfined", "read-only"), other.configs());
    assertEquals(TraceMode.NEVER, other.trace());
    assertEquals(Duration.ofSeconds(5), other.timeout());
    assertEquals(2, other.jobs());
    assertEquals("unconfined", other.baseline());
  }

  @Test
  void prepare_withImage_keepsTheCheckedCells_onTheNewImage() throws Exception {
    MatrixCheck.Prepared p =
        MatrixCheck.prepare(
            MatrixRequest.builder("pending")
                .configs(List.of("unconfined", "no-network"))
                .trace(TraceMode.NEVER)
                .jobs(3)
                .build());

    MatrixCheck.Prepared built = p.withImage("built:2");

    assertEquals("built:2", built.options().image());
    assertEquals(p.options().plan(), built.options().plan());
    assertEquals(3, built.options().jobs());
    assertEquals(TraceMode.NEVER, built.options().trace());
  }
}
