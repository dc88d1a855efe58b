package io.splitcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.TwiceResult;
import io.splitcheck.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --json documents of twice, matrix and audit read straight into the report's records. */
class CommandJsonTest {

  private static <T> T read(String name, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(Golden.DIR.resolve("commands").resolve(name))) {
      return Json.read(in, type, name);
    }
  }

  @Test
  void readResult_readsTwiceJson() throws IOException {
    TwiceResult t = read("twice.json", TwiceResult.class);
    assertEquals("content", t.verdict().id());
    assertEquals(List.of("sha256:<2>", "sha256:<3>", "sha256:<6>"), t.second().layers());
    assertEquals(List.of(DiffKind.CONTENT, DiffKind.MTIME), t.differences().get(0).kinds());
    assertEquals(1, t.notes().size());
  }

  @Test
  void readResult_readsMatrixJson_ignoringTraceFields() throws IOException {
    MatrixResult m = read("matrix.json", MatrixResult.class);
    assertEquals("unconfined", m.baseline());
    assertEquals(3, m.cell("prod").orElseThrow().exitCode());
    assertEquals("getrandom/EPERM", m.splits().get(0).culprits().get(0).key());
    assertEquals(
        "verify-tls: getrandom failed: Operation not permitted\n",
        m.cell("prod").orElseThrow().stderr());
  }

  @Test
  void readResult_readsEachCellsEngine_fromMatrixJson() throws IOException {
    MatrixResult m = read("matrix.json", MatrixResult.class);
    assertEquals(
        new MatrixResult.Engine("unix:///var/run/docker.sock", "20.10.24+dfsg1", true, "default"),
        m.cell("prod").orElseThrow().engine());
    MatrixResult.Engine remote = m.cell("unconfined").orElseThrow().engine();
    assertEquals("tcp://build-2:2376, Docker 24.0.7, seccomp default: none", remote.describe());
    assertEquals(
        List.of("tcp://build-2:2376", "unix:///var/run/docker.sock"),
        m.engines().stream().map(MatrixResult.Engine::host).toList());
  }

  @Test
  void readResult_readsAuditJson() throws IOException {
    AuditResult a = read("audit.json", AuditResult.class);
    assertEquals("linkage.dynamic-in-scratch", a.findings().get(0).rule());
    assertEquals(15960L, a.findings().get(0).evidence().size());
  }

  @Test
  void readResult_namesTypeAndSource_whenBroken() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Json.read(new ByteArrayInputStream("[".getBytes()), MatrixResult.class, "m.json"));
    assertEquals("Error parsing MatrixResult 'm.json'", e.getMessage().split(":")[0]);
  }
}
