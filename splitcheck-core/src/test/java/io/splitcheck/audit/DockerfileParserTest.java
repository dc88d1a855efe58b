package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  static Dockerfile fixture(String name) throws Exception {
    return Dockerfile.read(Path.of("src/test/resources/fixtures/audit", name));
  }

  @Test
  void parse_honoursEscapeDirective_continuationsAndCommentsInside() throws Exception {
    Dockerfile df = fixture("multistage.Dockerfile");
    assertEquals('`', df.escape());
    Instruction run = df.instructions().get(3);
    assertEquals("RUN", run.keyword());
    assertEquals(7, run.line());
    assertEquals(11, run.endLine());
    assertEquals("apt-get update &&     apt-get install -y gcc     make", run.arguments());
  }

  @Test
  void parse_readsHeredocWithTabStripping_andItsFlags() throws Exception {
    Instruction copy = fixture("multistage.Dockerfile").instructions().get(4);
    assertEquals("COPY", copy.keyword());
    assertEquals(List.of("chmod=755"), copy.flags());
    assertEquals(1, copy.heredocs().size());
    assertEquals("#!/bin/sh\necho \"version $VERSION\"\n", copy.heredocs().get(0).body());
    assertEquals(15, copy.endLine());
    assertTrue(copy.variableReferences().contains("VERSION"));
  }

  @Test
  void parse_splitsStages_withNamesBasesAndCopyFrom() throws Exception {
    Dockerfile df = fixture("multistage.Dockerfile");
    List<Dockerfile.Stage> stages = df.stages();
    assertEquals(2, stages.size());
    assertEquals("build", stages.get(0).name());
    assertEquals("splitcheck/debian:bookworm", stages.get(0).base());
    assertEquals("scratch", stages.get(1).base());
    Instruction copy = stages.get(1).body().get(0);
    assertEquals("build", copy.flag("from").orElseThrow());
    assertEquals(2, df.globalArgs().size());
  }

  @Test
  void parse_distinguishesExecAndShellForms() throws Exception {
    Dockerfile df = fixture("multistage.Dockerfile");
    Dockerfile.Stage last = df.stages().get(1);
    Instruction entry = last.body().get(2);
    assertEquals(List.of("/app", "--serve"), entry.execForm());
    Instruction cmd = last.body().get(3);
    assertNull(cmd.execForm());
    assertEquals("echo \"shell form\"", cmd.arguments());
    assertNull(Dockerfile.parse("x", "FROM a\nCMD [not json").instructions().get(1).execForm());
  }

  @Test
  void parse_readsRunMountFlags() throws Exception {
    Instruction run = fixture("multistage.Dockerfile").stages().get(0).body().get(2);
    assertEquals(List.of("type=secret,id=npmrc,target=/root/.npmrc", "type=cache,target=/var/cache/apt"),
        run.flags("mount"));
    assertEquals("./build.sh", run.arguments().strip());
  }

  @Test
  void keyValues_readsQuotedEnvAndLegacyForm() throws Exception {
    Instruction env = fixture("multistage.Dockerfile").stages().get(1).body().get(1);
    assertEquals(Map.of("PATH", "/usr/bin", "APP_TOKEN", "s3cr et"), env.keyValues());
    Instruction legacy = Dockerfile.parse("x", "FROM a\nENV GREETING hello world").instructions().get(1);
    assertEquals(Map.of("GREETING", "hello world"), legacy.keyValues());
  }

  @Test
  void parse_defaultEscapeIsBackslash_andRunHeredocBodies() {
    Dockerfile df = Dockerfile.parse("x", "FROM a\nRUN <<EOF bash\nset -e\necho \\\nhi\nEOF\nRUN echo \\\n  done");
    assertEquals('\\', df.escape());
    assertEquals("set -e\necho \\\nhi\n", df.instructions().get(1).heredocs().get(0).body());
    assertEquals("echo   done", df.instructions().get(2).arguments());
    assertEquals(7, df.instructions().get(2).line());
  }

  @Test
  void parse_rejectsUnclosedHeredoc_andBadEscape_namingTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dockerfile.parse("Df", "FROM a\nRUN <<EOF\necho"));
    assertTrue(e.getMessage().startsWith("Error parsing Dockerfile 'Df' line 2: heredoc <<EOF"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("Df", "# escape=x\nFROM a"));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }
}
