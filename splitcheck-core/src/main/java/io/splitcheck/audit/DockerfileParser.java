package io.splitcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Dockerfile grammar of BuildKit's {@code frontend/dockerfile/parser} (dockerfile frontend
 * 1.26, BuildKit v0.32), step by step as {@code parser.go} reads a file: a UTF-8 BOM dropped from
 * the first line; parser directives ({@link Directives}); comment and blank lines skipped, also
 * inside continuations; a line continues when it ends with the escape character not itself escaped
 * ({@code RUN echo foo\\} does not); the command, its {@code --flags} ({@link BuilderFlags}) and
 * each instruction's line parser ({@link LineParsers}); heredocs where BuildKit finds them ({@link
 * Heredocs}) after RUN, COPY, ADD and ONBUILD of those, in shell form only. What BuildKit rejects
 * is an {@link IllegalArgumentException} {@code Error parsing Dockerfile 'source' line N:
 * <BuildKit's reason>}: a file with no instructions, a repeated directive, a bad escape, {@code ENV
 * PATH} with no value, a JSON array of non-strings, an unterminated heredoc, and (as BuildKit's
 * instruction parser does) an unknown instruction.
 */
final class DockerfileParser {
  static final Set<String> INSTRUCTIONS =
      Set.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");
  private static final Set<String> HEREDOC_COMMANDS = Set.of("ADD", "COPY", "RUN");

  private final String source;
  private final List<String> lines;
  private final Directives directives = new Directives();
  private int next;
  private int currentLine;

  DockerfileParser(String source, String text) {
    this.source = source;
    this.lines = DockerfileLines.split(text);
  }

  /** The parse, with the instruction names checked as BuildKit's instruction parser checks them. */
  Dockerfile parse() {
    Dockerfile df = parseTree();
    for (Instruction i : df.instructions()) {
      if (!INSTRUCTIONS.contains(i.keyword())) {
        throw error(i.line(), "unknown instruction: " + i.keyword());
      }
    }
    return df;
  }

  /** What BuildKit's {@code parser.Parse} accepts (unknown instructions included). */
  Dockerfile parseTree() {
    List<Instruction> out = new ArrayList<>();
    while (next < lines.size()) {
      String raw = lines.get(next++);
      if (currentLine == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String line = processLine(raw, true);
      currentLine++;
      int start = currentLine;
      String cont = DockerfileLines.withoutContinuation(line, directives.escape());
      if (cont == null && line.isEmpty()) {
        continue;
      }
      String logical = join(cont == null ? line : cont, cont == null);
      out.add(instruction(logical, start));
    }
    if (out.isEmpty()) {
      throw error(Math.max(currentLine, 1), "file with no instructions");
    }
    return new Dockerfile(source, directives.escape(), out, directives.values());
  }

  private String join(String first, boolean endOfLine) {
    StringBuilder buf = new StringBuilder(first);
    boolean eol = endOfLine;
    while (!eol && next < lines.size()) {
      String raw = lines.get(next++);
      String line = processLine(raw, false);
      currentLine++;
      if (DockerfileLines.isComment(raw) || DockerfileLines.trimLeft(line).isEmpty()) {
        continue; // comments and (deprecated) empty continuation lines
      }
      String cont = DockerfileLines.withoutContinuation(line, directives.escape());
      eol = cont == null;
      buf.append(eol ? line : cont);
    }
    return buf.toString();
  }

  private String processLine(String raw, boolean stripLeft) {
    if (raw.getBytes(StandardCharsets.UTF_8).length > DockerfileLines.MAX_LINE_BYTES) {
      throw error(
          currentLine + 1,
          "dockerfile line greater than max allowed size of "
              + (DockerfileLines.MAX_LINE_BYTES - 1));
    }
    String line = DockerfileLines.trimNewline(raw);
    if (stripLeft) {
      line = DockerfileLines.trimLeft(line);
    }
    try {
      directives.read(line);
    } catch (IllegalArgumentException e) {
      throw error(currentLine + 1, e.getMessage());
    }
    return DockerfileLines.isComment(line) ? "" : line;
  }

  private Instruction instruction(String logical, int start) {
    LineParsers.Parsed parsed;
    try {
      parsed = LineParsers.parse(logical, directives.escape());
    } catch (IllegalArgumentException e) {
      throw error(start, e.getMessage());
    }
    List<Instruction.Heredoc> heredocs = new ArrayList<>();
    if (canContainHeredoc(parsed) && logical.contains("<<")) {
      List<Heredocs.Marker> markers;
      try {
        markers = Heredocs.fromLine(logical);
      } catch (IllegalArgumentException e) {
        throw error(start, e.getMessage());
      }
      for (Heredocs.Marker m : markers) {
        heredocs.add(body(m, start));
      }
    }
    return toInstruction(parsed, start, currentLine, heredocs);
  }

  private static boolean canContainHeredoc(LineParsers.Parsed p) {
    LineParsers.Parsed node =
        p.command().equalsIgnoreCase("ONBUILD") && p.child() != null ? p.child() : p;
    return HEREDOC_COMMANDS.contains(node.command().toUpperCase(Locale.ROOT)) && !node.json();
  }

  private Instruction.Heredoc body(Heredocs.Marker m, int start) {
    StringBuilder content = new StringBuilder();
    while (next < lines.size()) {
      String raw = lines.get(next++);
      currentLine++;
      String candidate = DockerfileLines.trimNewline(raw);
      if (m.chomp()) {
        candidate = DockerfileLines.trimLeadingTabs(candidate);
      }
      if (candidate.equals(m.name())) {
        String body = content.toString();
        return new Instruction.Heredoc(
            m.name(),
            m.chomp(),
            m.chomp() ? body.replaceAll("(?md)^\t+", "") : body,
            m.expand(),
            m.fileDescriptor());
      }
      content.append(raw);
    }
    throw error(
        start,
        "heredoc <<"
            + m.name()
            + " is not closed (expected a line '"
            + m.name()
            + "'): unterminated heredoc");
  }

  private Instruction toInstruction(
      LineParsers.Parsed p, int start, int end, List<Instruction.Heredoc> heredocs) {
    List<String> flags = p.flags().stream().map(f -> f.substring(2)).toList();
    String keyword = p.command().toUpperCase(Locale.ROOT);
    List<String> exec = null;
    if (p.json()) {
      exec = keyword.equals("HEALTHCHECK") ? p.values().subList(1, p.values().size()) : p.values();
    }
    Instruction trigger =
        p.child() == null ? null : toInstruction(p.child(), start, end, List.of());
    return new Instruction(
        start,
        end,
        keyword,
        flags,
        p.arguments(),
        exec,
        heredocs,
        p.values(),
        trigger,
        directives.escape());
  }

  private IllegalArgumentException error(int line, String what) {
    return new IllegalArgumentException(
        "Error parsing Dockerfile '" + source + "' line " + line + ": " + what);
  }
}
