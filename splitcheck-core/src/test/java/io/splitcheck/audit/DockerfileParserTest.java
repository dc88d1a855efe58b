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
    assertEquals(
        List.of("type=secret,id=npmrc,target=/root/.npmrc", "type=cache,target=/var/cache/apt"),
        run.flags("mount"));
    assertEquals("./build.sh", run.arguments().strip());
  }

  @Test
  void keyValues_readsQuotedEnvAndLegacyForm() throws Exception {
    Instruction env = fixture("multistage.Dockerfile").stages().get(1).body().get(1);
    assertEquals(Map.of("PATH", "/usr/bin", "APP_TOKEN", "s3cr et"), env.keyValues());
    Instruction legacy =
        Dockerfile.parse("x", "FROM a\nENV GREETING hello world").instructions().get(1);
    assertEquals(Map.of("GREETING", "hello world"), legacy.keyValues());
  }

  @Test
  void parse_defaultEscapeIsBackslash_andRunHeredocBodies() {
    Dockerfile df =
        Dockerfile.parse(
            "x", "FROM a\nRUN <<EOF bash\nset -e\necho \\\nhi\nEOF\nRUN echo \\\n  done");
    assertEquals('\\', df.escape());
    assertEquals("set -e\necho \\\nhi\n", df.instructions().get(1).heredocs().get(0).body());
    assertEquals("echo   done", df.instructions().get(2).arguments());
    assertEquals(7, df.instructions().get(2).line());
  }

  @Test
  void parse_rejectsUnclosedHeredoc_andBadEscape_namingTheLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dockerfile.parse("Df", "FROM a\nRUN <<EOF\necho"));
    assertTrue(
        e.getMessage().startsWith("Error parsing Dockerfile 'Df' line 2: heredoc <<EOF"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Dockerfile.parse("Df", "# escape=x\nFROM a"));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void parse_ignoresHeredocMarkersInQuotesAndHereStrings_keepingTheNextInstruction() {
    Dockerfile df =
        Dockerfile.parse(
            "x", "FROM a\nRUN echo \"<<EOF\" > /x\nRUN cat <<<\"hi\"\nRUN echo next\n");
    assertEquals(
        List.of("FROM", "RUN", "RUN", "RUN"),
        df.instructions().stream().map(Instruction::keyword).toList());
    assertTrue(df.instructions().stream().allMatch(i -> i.heredocs().isEmpty()));
    assertEquals("echo next", df.instructions().get(3).arguments());
  }

  @Test
  void parse_readsSpacedAndOnbuildHeredocs_withTheirExpansionAndFileDescriptor() {
    Dockerfile df =
        Dockerfile.parse(
            "x", "FROM a\nRUN << EOF\necho $A\nEOF\nONBUILD RUN 3<<'END'\nx\nEND\nRUN ok\n");
    Instruction spaced = df.instructions().get(1);
    assertEquals(
        new Instruction.Heredoc("EOF", false, "echo $A\n", true, 0), spaced.heredocs().get(0));
    Instruction onbuild = df.instructions().get(2);
    assertEquals("RUN", onbuild.trigger().keyword());
    assertEquals(new Instruction.Heredoc("END", false, "x\n", false, 3), onbuild.heredocs().get(0));
    assertEquals(List.of(5, 7), List.of(onbuild.line(), onbuild.endLine()));
    assertEquals("ok", df.instructions().get(3).arguments());
  }

  @Test
  void parse_dropsByteOrderMark_andRecordsDirectives() {
    Dockerfile df =
        Dockerfile.parse("x", "\uFEFF# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n");
    assertEquals(1, df.stages().size());
    assertEquals(Map.of("syntax", "docker/dockerfile:1", "check", "skip=all"), df.directives());
  }

  @Test
  void parse_endsDirectivesAtUnknownOne_andRejectsRepeatedEscape() {
    assertEquals('\\', Dockerfile.parse("x", "# foo=bar\n# escape=`\nFROM a\n").escape());
    assertEquals('\\', Dockerfile.parse("x", "# escape=\nFROM a\n").escape());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dockerfile.parse("Df", "# escape=`\n# escape=`\nFROM a\n"));
    assertEquals(
        "Error parsing Dockerfile 'Df' line 2: only one escape parser directive can be used",
        e.getMessage());
  }

  @Test
  void parse_escapedBackslashAtEndDoesNotContinue() {
    Dockerfile df = Dockerfile.parse("x", "FROM a\nRUN echo foo\\\\\nRUN echo bar\n");
    assertEquals(3, df.instructions().size());
    assertEquals("echo foo\\\\", df.instructions().get(1).arguments());
  }

  @Test
  void keyValues_removesEscapesAndQuotesAsTheBuildDoes() {
    Instruction env =
        Dockerfile.parse("x", "FROM a\nENV A=hello\\ world B='$x y' C=\"q\\\"r\"\n")
            .instructions()
            .get(1);
    assertEquals(Map.of("A", "hello world", "B", "$x y", "C", "q\"r"), env.keyValues());
    Instruction label =
        Dockerfile.parse("x", "FROM a\nLABEL \"org.x\"=\"a b\"\n").instructions().get(1);
    assertEquals(Map.of("org.x", "a b"), label.keyValues());
  }

  @Test
  void flags_keepQuotedSpaces_andBareDoubleDashIsNoFlag() {
    Dockerfile df =
        Dockerfile.parse("x", "FROM a\nRUN --mount=type=secret,id=\"my id\" cat\nCOPY -- a /b\n");
    assertEquals(List.of("type=secret,id=my id"), df.instructions().get(1).flags("mount"));
    assertEquals("cat", df.instructions().get(1).arguments());
    assertEquals(List.of(), df.instructions().get(2).flags());
    assertEquals(List.of("a", "/b"), df.instructions().get(2).words());
  }

  @Test
  void parse_rejectsWhatBuildkitRejects_withItsReason() {
    assertEquals("Error parsing Dockerfile 'Df' line 1: file with no instructions", reject(""));
    assertEquals(
        "Error parsing Dockerfile 'Df' line 2: file with no instructions",
        reject("# only\n# comments\n"));
    assertEquals(
        "Error parsing Dockerfile 'Df' line 2: ENV must have two arguments",
        reject("FROM a\nENV PATH\n"));
    assertEquals(
        "Error parsing Dockerfile 'Df' line 2: when using JSON array syntax, arrays must be comprised of "
            + "strings only",
        reject("FROM a\nCMD [\"a\", [\"b\"]]\n"));
    assertEquals(
        "Error parsing Dockerfile 'Df' line 2: unknown instruction: ECHO",
        reject("FROM a\necho hi\n"));
  }

  @Test
  void parse_treatsUnterminatedJsonAsShellForm_asBuildkitDoes() {
    Instruction cmd =
        Dockerfile.parse("x", "FROM a\nCMD [\"echo\", \"hi\"\n").instructions().get(1);
    assertNull(cmd.execForm());
    assertEquals(List.of("[\"echo\", \"hi\""), cmd.values());
  }

  private static String reject(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Dockerfile.parse("Df", text))
        .getMessage();
  }
}
