package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import io.splitcheck.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is a clear error: the CLI run in-process exits 2 and its message names the file,
 * field or option and what was expected. None of these needs an engine: input is checked before it
 * is contacted (the ones that do are in BadInputIT). Each prints a {@code BAD-INPUT} line that
 * docs/reliability.md quotes.
 */
class BadInputTest {
  @TempDir Path tmp;

  private static void rejected(Cli.Result r, String... fragments) {
    assertEquals(
        2, r.exitCode(), () -> "exit " + r.exitCode() + "\nout: " + r.out() + "\nerr: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), () -> "expected '" + f + "' in: " + r.err());
    }
    System.out.println("BAD-INPUT " + r.err().strip());
  }

  private Path scenario(String yaml) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bad-scenario"));
    Files.writeString(dir.resolve("scenario.yaml"), yaml, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n", StandardCharsets.UTF_8);
    return dir;
  }

  private Path file(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void run_namesFileAndLine_whenScenarioYamlIsBroken() throws Exception {
    Path dir = scenario("name: broken\nbuild:\n  dockerfile: Dockerfile\n  context: [.\n");
    rejected(Cli.run("run", dir.toString()), "scenario.yaml:4", "not valid YAML", "expected");
  }

  @Test
  void run_namesFieldAndFile_whenScenarioHasUnknownKey() throws Exception {
    Path dir =
        scenario(
            "name: unknown-key\nbuild:\n  dockerfile: Dockerfile\n  context: .\n  contxet: .\n");
    rejected(Cli.run("run", dir.toString()), "scenario.yaml", "contxet");
  }

  @Test
  void run_namesField_whenScenarioFieldHasWrongType() throws Exception {
    Path dir =
        scenario(
            "name: bad-timeout\nbuild:\n  dockerfile: Dockerfile\n  context: .\n"
                + "checks:\n  matrix:\n    configs: [unconfined]\n    timeout: soon\n");
    rejected(Cli.run("run", dir.toString()), "scenario.yaml", "timeout", "soon");
  }

  @Test
  void matrix_namesProfileFile_whenProfileIsNotJson() throws Exception {
    Path p = file("broken.json", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [");
    rejected(
        Cli.run("matrix", "any:image", "--profile", "prod=" + p),
        "--profile prod=",
        "broken.json",
        "not JSON at line 1");
    assertTrue(!Cli.run("matrix", "any:image", "--profile", "prod=" + p).err().contains("Source:"));
  }

  @Test
  void matrix_namesProfile_whenProfileFileIsMissing() throws Exception {
    rejected(
        Cli.run("matrix", "any:image", "--profile", "prod=" + tmp.resolve("nope.json")),
        "nope.json");
  }

  @Test
  void matrix_namesExpression_whenDerivationDoesNotParse() throws Exception {
    rejected(
        Cli.run("matrix", "any:image", "--derive", "prod=getrandom=EPRM"),
        "getrandom=EPRM",
        "EPRM");
  }

  @Test
  void matrix_namesOption_whenDeriveHasNoName() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--derive", "getrandom"), "--derive", "getrandom");
  }

  @Test
  void matrix_listsCells_whenConfigNamesUnknownCell() throws Exception {
    rejected(
        Cli.run("matrix", "any:image", "--config", "unconfined", "--config", "paranoid"),
        "--config 'paranoid'",
        "runtime-default");
  }

  @Test
  void matrix_namesOption_whenTimeoutIsNotADuration() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--timeout", "forever"), "--timeout", "forever");
  }

  @Test
  void twice_namesContext_whenContextIsMissing() throws Exception {
    rejected(
        Cli.run("twice", tmp.resolve("no-such-context").toString()),
        "no-such-context",
        "not a directory");
  }

  @Test
  void twice_namesDockerfile_whenDockerfileIsMissing() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx"));
    rejected(Cli.run("twice", context.toString()), "Dockerfile", "does not exist");
  }

  @Test
  void twice_namesSecretFile_whenSecretSourceIsMissing() throws Exception {
    Path context = Files.createDirectories(tmp.resolve("ctx2"));
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
    rejected(
        Cli.run("twice", "--secret", "id=tok,src=" + tmp.resolve("absent"), context.toString()),
        "--secret",
        "absent");
  }

  @Test
  void diff_namesArchive_whenSavedImageIsGarbage() throws Exception {
    Path a = file("a.tar", "this is not a tar archive at all, just text\n".repeat(40));
    rejected(
        Cli.run("diff", a.toString(), a.toString()), "'" + a + "'", "expected docker save tars");
  }

  @Test
  void traceParse_namesFile_whenTraceIsGarbled() throws Exception {
    Path garbled = tmp.resolve("garbled.strace");
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    Files.write(garbled, junk);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Trace.parse(garbled));
    assertTrue(e.getMessage().contains("garbled.strace"), e.getMessage());
    System.out.println("BAD-INPUT trace: " + e.getMessage());
  }

  @Test
  void traceParse_keepsCompleteLinesAndSaysTruncated_whenTraceIsCutMidLine() throws Exception {
    Path cut =
        file(
            "cut.strace",
            "1 execve(\"/probe\", [\"/probe\"], 0x7ffd /* 0 vars */) = 0\n"
                + "1 getrandom(\"\\x12\\x34\", 16, 0) = -1 EPERM (Operation not permitted)\n"
                + "1 openat(AT_FDCWD, \"/etc/pass");
    Trace t = Trace.parse(cut);
    assertEquals(List.of("getrandom"), t.failures().stream().map(f -> f.name()).toList());
    assertTrue(t.truncated() || t.unparsedLines() == 1, t.toString());
    System.out.println(
        "BAD-INPUT trace cut mid-line: kept "
            + t.events().size()
            + " events, truncated="
            + t.truncated()
            + ", unparsed="
            + t.unparsedLines());
  }

  @Test
  void matrix_namesOption_whenTimeoutOverflowsADuration() throws Exception {
    rejected(
        Cli.run("matrix", "any:image", "--timeout", "9999999999999999d"),
        "--timeout",
        "expected at most 30d");
    rejected(
        Cli.run("matrix", "any:image", "--timeout", "99999999999999999999999s"),
        "--timeout",
        "expected a duration like");
    rejected(
        Cli.run("gc", "--older-than", "9999999999999999d"), "--older-than", "expected at most 30d");
  }

  @Test
  void matrix_namesOutputOption_beforeRunning_whenJsonIsADirectoryOrReportIsAFile()
      throws Exception {
    long start = System.nanoTime();
    rejected(
        Cli.run("matrix", "any:image", "--json", tmp.toString()),
        "--json '" + tmp + "' is a directory");
    Path hostname = file("hostname", "h\n");
    rejected(
        Cli.run("matrix", "any:image", "--report", hostname.toString()),
        "--report '" + hostname + "' is a file");
    rejected(
        Cli.run("twice", "--json", tmp.toString(), tmp.toString()), "--json", "is a directory");
    assertTrue(System.nanoTime() - start < 20_000_000_000L, "refused before any cell ran");
  }

  @Test
  void matrix_exits2_whenProfileIsEmptyHugeOrOutOfRange() throws Exception {
    rejected(
        Cli.run("matrix", "any:image", "--profile", "c=" + file("empty.json", "")),
        "--profile c=",
        "empty.json",
        "the file is empty");
    rejected(
        Cli.run(
            "matrix",
            "any:image",
            "--profile",
            "c="
                + file(
                    "errno.json",
                    "{\"defaultAction\": "
                        + "\"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getrandom\"], \"action\": \"SCMP_ACT_ERRNO\", "
                        + "\"errnoRet\": 4294967296}]}")),
        "--profile c=",
        "syscalls[0].errnoRet 4294967296 is out of range");
    rejected(
        Cli.run(
            "matrix",
            "any:image",
            "--profile",
            "c="
                + file(
                    "names.json",
                    "{\"defaultAction\": "
                        + "\"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_ERRNO\"}]}")),
        "--profile c=",
        "syscalls[0] names no syscall");
    Path huge = tmp.resolve("huge.json");
    try (var out = Files.newBufferedWriter(huge)) {
      out.write("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [");
      for (int i = 0; i < 700_000; i++) {
        out.write(
            (i == 0 ? "" : ",") + "{\"names\": [\"s" + i + "\"], \"action\": \"SCMP_ACT_ERRNO\"}");
      }
      out.write("]}");
    }
    long start = System.nanoTime();
    Cli.Result r = Cli.run("matrix", "any:image", "--profile", "c=" + huge);
    rejected(r, "--profile c=", "more than the 4 MiB");
    assertTrue(r.err().lines().count() < 3, r.err());
    System.out.println(
        "BAD-INPUT huge profile: "
            + Files.size(huge)
            + " bytes refused in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
  }

  @Test
  void run_namesFileAndField_whenScenarioTimeoutIsZeroOrOverflows_orConfigsRepeat()
      throws Exception {
    String head = "name: t\nbuild:\n  dockerfile: Dockerfile\n  context: .\nchecks:\n  matrix:\n";
    rejected(
        Cli.run("run", scenario(head + "    configs: [unconfined]\n    timeout: 0s\n").toString()),
        "scenario.yaml:",
        "field 'checks.matrix.timeout'",
        "greater than zero");
    rejected(
        Cli.run(
            "run",
            scenario(head + "    configs: [unconfined]\n    timeout: 99999999999999999999s\n")
                .toString()),
        "scenario.yaml:",
        "field 'checks.matrix.timeout'",
        "expected a duration like");
    rejected(
        Cli.run(
            "run",
            scenario(head + "    configs: [unconfined, no-network, unconfined]\n").toString()),
        "scenario.yaml:",
        "checks.matrix.configs[2]",
        "listed twice");
  }

  @Test
  void run_namesFile_whenScenarioHasTwoDocumentsOrIsHuge() throws Exception {
    rejected(
        Cli.run("run", scenario("name: one\nbuild:\n  context: .\n---\nname: two\n").toString()),
        "scenario.yaml:5",
        "a second YAML document");
    Path dir = scenario("name: big\n");
    try (var out =
        Files.newBufferedWriter(dir.resolve("scenario.yaml"), StandardOpenOption.APPEND)) {
      for (int i = 0; i < 200_000; i++) {
        out.write("# padding line " + i + "\n");
      }
    }
    long start = System.nanoTime();
    rejected(Cli.run("run", dir.toString()), "scenario.yaml", "more than the 256 KiB");
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void audit_namesFailOn_whenSeverityIsUnknown() throws Exception {
    rejected(
        Cli.run("audit", "any:image", "--fail-on", "catastrophic"),
        "--fail-on 'catastrophic'",
        "error, warning or info");
  }
}
