package io.splitcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.Cli;
import io.splitcheck.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input is a clear error: the CLI run in-process exits 2 and its message names the file, field
 * or option and what was expected. None of these needs an engine: input is checked before it is contacted
 * (the ones that do are in BadInputIT). Each prints a {@code BAD-INPUT} line that docs/reliability.md quotes.
 */
class BadInputTest {
  @TempDir
  Path tmp;

  private static void rejected(Cli.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), () -> "exit " + r.exitCode() + "\nout: " + r.out() + "\nerr: " + r.err());
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
    Path dir = scenario("name: unknown-key\nbuild:\n  dockerfile: Dockerfile\n  context: .\n  contxet: .\n");
    rejected(Cli.run("run", dir.toString()), "scenario.yaml", "contxet");
  }

  @Test
  void run_namesField_whenScenarioFieldHasWrongType() throws Exception {
    Path dir = scenario("name: bad-timeout\nbuild:\n  dockerfile: Dockerfile\n  context: .\n"
        + "checks:\n  matrix:\n    configs: [unconfined]\n    timeout: soon\n");
    rejected(Cli.run("run", dir.toString()), "scenario.yaml", "timeout", "soon");
  }

  @Test
  void matrix_namesProfileFile_whenProfileIsNotJson() throws Exception {
    Path p = file("broken.json", "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [");
    rejected(Cli.run("matrix", "any:image", "--profile", "prod=" + p), "--profile prod=", "broken.json",
        "not JSON at line 1");
    assertTrue(!Cli.run("matrix", "any:image", "--profile", "prod=" + p).err().contains("Source:"));
  }

  @Test
  void matrix_namesProfile_whenProfileFileIsMissing() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--profile", "prod=" + tmp.resolve("nope.json")), "nope.json");
  }

  @Test
  void matrix_namesExpression_whenDerivationDoesNotParse() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--derive", "prod=getrandom=EPRM"), "getrandom=EPRM", "EPRM");
  }

  @Test
  void matrix_namesOption_whenDeriveHasNoName() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--derive", "getrandom"), "--derive", "getrandom");
  }

  @Test
  void matrix_listsCells_whenConfigNamesUnknownCell() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--config", "unconfined", "--config", "paranoid"),
        "--config 'paranoid'", "runtime-default");
  }

  @Test
  void matrix_namesOption_whenTimeoutIsNotADuration() throws Exception {
    rejected(Cli.run("matrix", "any:image", "--timeout", "forever"), "--timeout", "forever");
  }

  @Test
  void twice_namesContext_whenContextIsMissing() throws Exception {
    rejected(Cli.run("twice", tmp.resolve("no-such-context").toString()), "no-such-context", "not a directory");
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
    rejected(Cli.run("twice", "--secret", "id=tok,src=" + tmp.resolve("absent"), context.toString()),
        "--secret", "absent");
  }

  @Test
  void diff_namesArchive_whenSavedImageIsGarbage() throws Exception {
    Path a = file("a.tar", "this is not a tar archive at all, just text\n".repeat(40));
    rejected(Cli.run("diff", a.toString(), a.toString()), "'" + a + "'", "expected docker save tars");
  }

  @Test
  void traceParse_namesFile_whenTraceIsGarbled() throws Exception {
    Path garbled = tmp.resolve("garbled.strace");
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    Files.write(garbled, junk);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trace.parse(garbled));
    assertTrue(e.getMessage().contains("garbled.strace"), e.getMessage());
    System.out.println("BAD-INPUT trace: " + e.getMessage());
  }

  @Test
  void traceParse_keepsCompleteLinesAndSaysTruncated_whenTraceIsCutMidLine() throws Exception {
    Path cut = file("cut.strace", "1 execve(\"/probe\", [\"/probe\"], 0x7ffd /* 0 vars */) = 0\n"
        + "1 getrandom(\"\\x12\\x34\", 16, 0) = -1 EPERM (Operation not permitted)\n"
        + "1 openat(AT_FDCWD, \"/etc/pass");
    Trace t = Trace.parse(cut);
    assertEquals(List.of("getrandom"), t.failures().stream().map(f -> f.name()).toList());
    assertTrue(t.truncated() || t.unparsedLines() == 1, t.toString());
    System.out.println("BAD-INPUT trace cut mid-line: kept " + t.events().size() + " events, truncated="
        + t.truncated() + ", unparsed=" + t.unparsedLines());
  }
}
