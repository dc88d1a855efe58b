package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.Cli;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile images and hostile values against the real engine: a secret the user handed in, printed
 * by a build step or by the container; a key block's BEGIN line with no END; file names with
 * terminal escapes; a fork bomb; a process that ignores SIGTERM. Lines starting {@code FIGURE} are
 * quoted by docs/reliability.md.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
  /** No NAME= before it and no credential shape: only redaction by value can blank it. */
  private static final String SECRET = "correct horse battery staple 9f8e7d";

  private BusyboxImage base;

  @TempDir Path tmp;

  @BeforeAll
  void build() throws Exception {
    base = BusyboxImage.build("hostile-base");
  }

  @AfterAll
  void remove() throws Exception {
    base.close();
  }

  private Path context(String name, String dockerfile) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM " + base.tag() + "\n" + dockerfile,
        StandardCharsets.UTF_8);
    return dir;
  }

  private static void allParse(Path reportDir) throws Exception {
    new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(reportDir.resolve("junit.xml").toFile());
    assertTrue(
        Files.readString(reportDir.resolve("index.html")).strip().endsWith("</html>"),
        "index.html whole");
  }

  @Test
  void run_reportsHoldNoScenarioSecret_whenTheContainerPrintsIt() throws Exception {
    Path dir =
        context(
            "leaky-secret",
            "RUN --mount=type=secret,id=pw cat /run/secrets/pw > /leak\n"
                + "ENTRYPOINT [\"/bin/sh\", \"-c\"]\nCMD [\"cat /leak; cat /leak >&2; touch /x || exit 4\"]\n");
    Files.writeString(dir.resolve("pw.txt"), SECRET + "\n");
    Files.writeString(
        dir.resolve("scenario.yaml"),
        "name: leaky-secret\nbuild:\n  dockerfile: Dockerfile\n"
            + "  context: .\n  secrets:\n    - id: pw\n      src: pw.txt\n"
            + "checks:\n  twice: false\n  matrix:\n    configs: [unconfined, read-only]\n    trace: never\n"
            + "    timeout: 30s\n",
        StandardCharsets.UTF_8);
    Path report = tmp.resolve("leaky-report");

    Cli.Result r = Cli.run("run", dir.toString(), "--report", report.toString());

    String json = Files.readString(report.resolve("report.json"));
    assertTrue(json.contains("read-only"), "the matrix ran: " + r.out() + r.err());
    assertTrue(json.contains("[REDACTED]"), json);
    for (String file : List.of("report.json", "junit.xml", "index.html")) {
      assertFalse(
          Files.readString(report.resolve(file)).contains("battery staple"),
          file + " leaks the secret");
    }
    assertFalse((r.out() + r.err()).contains("battery staple"), r.out() + r.err());
    allParse(report);
  }

  @Test
  void twice_errorQuotesNoSecret_whenTheFailingStepPrintedIt() throws Exception {
    Path dir =
        context("failing-secret", "RUN --mount=type=secret,id=pw cat /run/secrets/pw && exit 3\n");
    Path pw = tmp.resolve("pw-twice.txt");
    Files.writeString(pw, SECRET + "\n");

    Cli.Result r = Cli.run("twice", "--secret", "id=pw,src=" + pw, dir.toString());

    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("[REDACTED]"), "the step's output is quoted, blanked: " + r.err());
    assertFalse((r.out() + r.err()).contains("battery staple"), r.out() + r.err());
    System.out.println(
        "FIGURE secret in a failed step: "
            + r.err().lines().filter(l -> l.contains("REDACTED")).findFirst().orElse("").strip());
  }

  @Test
  void matrix_jsonAndReportStayValid_whenACellPrintsAKeyHeaderWithoutEnd() throws Exception {
    Path json = tmp.resolve("pem.json");
    Path report = tmp.resolve("pem-report");

    Cli.Result r =
        Cli.run(
            "matrix",
            base.tag(),
            "--config",
            "unconfined",
            "--trace",
            "never",
            "--json",
            json.toString(),
            "--report",
            report.toString(),
            "--",
            "/bin/sh",
            "-c",
            "echo '-----BEGIN RSA PRIVATE KEY-----'; echo MIIEowIBAAKCAQEAleak; echo 'done \"}]'");

    assertEquals(0, r.exitCode(), r.err());
    JsonNode cell = new ObjectMapper().readTree(json.toFile()).get("cells").get(0);
    assertEquals("[REDACTED]\ndone \"}]\n", cell.get("stdout").asText());
    allParse(report);
    assertFalse(Files.readString(report.resolve("report.json")).contains("MIIEowIBAAKCAQEAleak"));
    System.out.println(
        "FIGURE pem header: --json "
            + Files.size(json)
            + " bytes, valid; stdout kept as "
            + cell.get("stdout").asText().replace("\n", "\\n"));
  }

  @Test
  void twice_printsNoControlCharacter_whenAFileNameCarriesTerminalEscapes() throws Exception {
    Path dir =
        context(
            "escapes",
            "RUN cat /proc/sys/kernel/random/uuid > \"$(printf '/ctl\\033[31mred\\007\\rname')\"\n");

    Cli.Result r = Cli.run("twice", dir.toString());

    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("/ctl\\x1b[31mred\\x07\\x0dname"), r.out());
    for (char c : (r.out() + r.err()).toCharArray()) {
      assertTrue(
          c >= 0x20 || c == '\n' || c == '\t',
          "control character " + (int) c + " printed: " + r.out());
    }
  }

  @Test
  void matrix_boundsForksTheSameInEveryCell_soTheBoundIsNoSplit() throws Exception {
    // builtins only after the loop: with the bound reached, a $(...) could not fork; $! changes
    // only
    // when a fork succeeded, so the distinct pids printed are the processes that ran at once
    String forks =
        "i=0; while [ $i -lt 300 ]; do sleep 30 & echo $!; i=$((i+1)); done 2>/dev/null; exit 0";
    Path bounded = tmp.resolve("bounded.json");
    Path defaults = tmp.resolve("defaults.json");

    Cli.Result small =
        Cli.run(
            "matrix",
            base.tag(),
            "--config",
            "unconfined",
            "--config",
            "restricted",
            "--trace",
            "never",
            "--cell-limits",
            "pids=64,memory=256m",
            "--json",
            bounded.toString(),
            "--",
            "/bin/sh",
            "-c",
            forks);
    Cli.Result big =
        Cli.run(
            "matrix",
            base.tag(),
            "--config",
            "unconfined",
            "--config",
            "restricted",
            "--trace",
            "never",
            "--json",
            defaults.toString(),
            "--",
            "/bin/sh",
            "-c",
            forks);

    assertEquals(0, small.exitCode(), small.err());
    assertEquals(0, big.exitCode(), big.err());
    List<Long> boundedForks = new ArrayList<>();
    for (JsonNode cell : new ObjectMapper().readTree(bounded.toFile()).get("cells")) {
      boundedForks.add(forked(cell));
      assertTrue(forked(cell) < 64, cell.toString());
    }
    List<Long> defaultForks = new ArrayList<>();
    for (JsonNode cell : new ObjectMapper().readTree(defaults.toFile()).get("cells")) {
      defaultForks.add(forked(cell));
      assertEquals(300, forked(cell), "the default pids=4096 lets 300 through: " + cell);
    }
    System.out.println(
        "FIGURE forks: 300 attempted per cell (unconfined, restricted); --cell-limits pids=64: "
            + boundedForks
            + " ran; default pids=4096: "
            + defaultForks
            + "; no split either way");
  }

  private static long forked(JsonNode cell) {
    return cell.get("stdout").asText().lines().filter(l -> l.matches("\\d+")).distinct().count();
  }

  @Test
  void matrix_killsAtTheDeadline_whenTheProcessIgnoresSigterm() throws Exception {
    Path json = tmp.resolve("deadline.json");
    Path reference = tmp.resolve("reference.json");

    // the same engine latencies around a process that ends by itself after 3 s
    Cli.run(
        "matrix",
        base.tag(),
        "--config",
        "unconfined",
        "--trace",
        "never",
        "--timeout",
        "60s",
        "--json",
        reference.toString(),
        "--",
        "/bin/sh",
        "-c",
        "sleep 3");
    Cli.Result r =
        Cli.run(
            "matrix",
            base.tag(),
            "--config",
            "unconfined",
            "--trace",
            "never",
            "--timeout",
            "3s",
            "--json",
            json.toString(),
            "--",
            "/bin/sh",
            "-c",
            "trap '' TERM INT; while true; do sleep 1; done");

    JsonNode cell = new ObjectMapper().readTree(json.toFile()).get("cells").get(0);
    long ref =
        new ObjectMapper()
            .readTree(reference.toFile())
            .get("cells")
            .get(0)
            .get("wallMillis")
            .asLong();
    assertTrue(cell.get("timedOut").asBoolean(), cell.toString());
    assertEquals(137, cell.get("exitCode").asInt(), "SIGKILL, no stop grace");
    long over = cell.get("wallMillis").asLong() - ref;
    assertTrue(
        over < 5000,
        "a 10 s stop grace would show: " + over + " ms over a 3 s sleep's " + ref + " ms");
    System.out.println(
        "FIGURE deadline: --timeout 3s, SIGTERM ignored: exit 137, cell wall "
            + cell.get("wallMillis")
            + " ms against "
            + ref
            + " ms for a process ending by itself after 3 s (exit "
            + r.exitCode()
            + ")");
  }

  @Test
  void matrix_saysWhyNotTraceable_whenTheEntrypointIsMissing() throws Exception {
    try (BusyboxImage missing =
        BusyboxImage.build("hostile-no-entrypoint", "ENTRYPOINT [\"/app/server\"]")) {
      Path json = tmp.resolve("no-entrypoint.json");

      Cli.Result r =
          Cli.run(
              "matrix",
              missing.tag(),
              "--config",
              "unconfined",
              "--trace",
              "always",
              "--timeout",
              "20s",
              "--json",
              json.toString());

      assertEquals(0, r.exitCode(), r.err());
      JsonNode cell = new ObjectMapper().readTree(json.toFile()).get("cells").get(0);
      assertEquals(
          "not traceable: the program did not start (exec: \"/app/server\": stat /app/server: "
              + "no such file or directory)",
          cell.get("traceNote").asText(),
          cell.toString());
      System.out.println("FIGURE missing entrypoint: " + cell.get("traceNote").asText());
    }
  }
}
