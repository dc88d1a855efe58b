package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * BuildKit's own parser tests, read from a BuildKit checkout named by SPLITCHECK_BUILDKIT_PARSER
 * (its {@code frontend/dockerfile/parser} directory; BuildKit's files are not copied into this
 * repository): every {@code testfiles/X/Dockerfile} must dump as {@code testfiles/X/result}, every
 * {@code testfiles-negative/X/Dockerfile} must be rejected, and {@code testfile-line} keeps
 * BuildKit's line ranges. Skipped when the variable is unset.
 */
class BuildkitParserConformanceTest {
  private static Path parserDir() {
    String dir = System.getenv("SPLITCHECK_BUILDKIT_PARSER");
    assumeTrue(
        dir != null && !dir.isBlank(),
        "SPLITCHECK_BUILDKIT_PARSER names no BuildKit parser directory");
    return Path.of(dir);
  }

  private static List<Path> cases(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static String read(Path p) throws Exception {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  @Test
  void everyBuildkitTestfile_dumpsAsItsResult() throws Exception {
    List<Path> cases = cases(parserDir().resolve("testfiles"));
    List<String> disagree = new ArrayList<>();
    for (Path c : cases) {
      String got;
      try {
        got = new DockerfileParser(c.toString(), read(c.resolve("Dockerfile"))).parseTree().dump();
      } catch (IllegalArgumentException e) {
        got = "error: " + e.getMessage();
      }
      String want = read(c.resolve("result"));
      if (!want.equals(got)) {
        disagree.add(c.getFileName() + "\n--- want\n" + want + "--- got\n" + got);
      }
    }
    System.out.println(
        "BuildKit testfiles: "
            + cases.size()
            + " cases, "
            + (cases.size() - disagree.size())
            + " agree");
    assertEquals(List.of(), disagree);
  }

  @Test
  void everyBuildkitNegativeTestfile_isRejected() throws Exception {
    List<Path> cases = cases(parserDir().resolve("testfiles-negative"));
    for (Path c : cases) {
      String text = read(c.resolve("Dockerfile"));
      assertThrows(
          IllegalArgumentException.class, () -> Dockerfile.parse(c.toString(), text), c.toString());
    }
    System.out.println("BuildKit testfiles-negative: " + cases.size() + " cases, all rejected");
  }

  @Test
  void buildkitLineInfoFile_keepsBuildkitsLineRanges() throws Exception {
    Dockerfile df = Dockerfile.read(parserDir().resolve("testfile-line/Dockerfile"));
    List<List<Integer>> ranges =
        df.instructions().stream().map(i -> List.of(i.line(), i.endLine())).toList();
    assertEquals(List.of(List.of(5, 5), List.of(11, 12), List.of(17, 31)), ranges);
  }
}
