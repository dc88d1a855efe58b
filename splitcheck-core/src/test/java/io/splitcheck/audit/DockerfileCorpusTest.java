package io.splitcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The parser corpus: fixtures/audit/parser-corpus/CASE/Dockerfile and CASE/expected, the parse
 * BuildKit's parser (frontend/dockerfile/parser at dockerfile/1.26.0-labs-57, v0.32.2) gives for
 * it: the escape, each instruction as {@code L<start>-<end> <AST dump>} with its heredocs (name,
 * fd, expand, chomp, body as the build sees it), or {@code error: <BuildKit's reason> @<line>}.
 */
class DockerfileCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/fixtures/audit/parser-corpus");
  private static final Pattern ERROR = Pattern.compile("error: (.*) @(\\d+)\n");

  static String render(Dockerfile df) {
    StringBuilder out =
        new StringBuilder("escape ")
            .append(GoQuote.quote(String.valueOf(df.escape())))
            .append('\n');
    for (Instruction i : df.instructions()) {
      out.append('L')
          .append(i.line())
          .append('-')
          .append(i.endLine())
          .append(' ')
          .append(i.dump())
          .append('\n');
      for (Instruction.Heredoc h : i.heredocs()) {
        out.append("  heredoc ")
            .append(GoQuote.quote(h.name()))
            .append(" fd=")
            .append(h.fileDescriptor())
            .append(" expand=")
            .append(h.expand())
            .append(" chomp=")
            .append(h.stripTabs())
            .append(' ')
            .append(GoQuote.quote(h.body()))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Null when the case agrees, else what differs. */
  static String compare(Path dir) throws Exception {
    String text = new String(Files.readAllBytes(dir.resolve("Dockerfile")), StandardCharsets.UTF_8);
    String want = Files.readString(dir.resolve("expected"));
    Matcher err = ERROR.matcher(want);
    try {
      String got = render(new DockerfileParser("Dockerfile", text).parseTree());
      return want.equals(got) ? null : "want\n" + want + "got\n" + got;
    } catch (IllegalArgumentException e) {
      if (!err.matches()) {
        return "want\n" + want + "got " + e.getMessage();
      }
      // BuildKit places directive errors on the line before (it counts lines read so far) and an
      // empty
      // file on line 0; splitcheck names the line itself.
      int line = Integer.parseInt(err.group(2));
      boolean directive =
          err.group(1).contains("directive") || err.group(1).startsWith("invalid escape token");
      String where = "'Dockerfile' line " + Math.max(1, directive ? line + 1 : line) + ": ";
      String msg = e.getMessage();
      return msg.contains(where) && msg.endsWith(err.group(1))
          ? null
          : "want " + want + "got " + msg;
    }
  }

  private static List<String> disagreements(Path root, String what) throws Exception {
    List<Path> cases;
    try (Stream<Path> s = Files.list(root)) {
      cases = s.filter(Files::isDirectory).sorted().toList();
    }
    List<String> disagree = new ArrayList<>();
    for (Path c : cases) {
      String diff = compare(c);
      if (diff != null) {
        disagree.add(c.getFileName() + ":\n" + diff);
      }
    }
    System.out.println(
        what + ": " + cases.size() + " cases, " + (cases.size() - disagree.size()) + " agree");
    return disagree;
  }

  @Test
  void everyCorpusCase_parsesAsBuildkitParsesIt() throws Exception {
    assertEquals(List.of(), disagreements(CORPUS, "Dockerfile parser corpus"));
  }

  /**
   * More cases in the same layout, made outside the repository (for instance every Dockerfile of a
   * BuildKit checkout with the expected parse from BuildKit's parser): SPLITCHECK_DOCKERFILE_CORPUS
   * names the directory; skipped when unset.
   */
  @Test
  void externalCorpus_parsesAsBuildkitParsesIt() throws Exception {
    String dir = System.getenv("SPLITCHECK_DOCKERFILE_CORPUS");
    Assumptions.assumeTrue(
        dir != null && !dir.isBlank(), "SPLITCHECK_DOCKERFILE_CORPUS is not set");
    assertEquals(List.of(), disagreements(Path.of(dir), "external Dockerfile corpus " + dir));
  }
}
