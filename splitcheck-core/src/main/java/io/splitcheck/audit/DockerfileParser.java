package io.splitcheck.audit;

import io.splitcheck.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile grammar BuildKit's frontend reads: parser directives ({@code # escape=}, {@code # syntax=})
 * before anything else; comment lines (also inside continuations); line continuations with the escape
 * character; heredocs ({@code <<EOF}, {@code <<-EOF}, quoted delimiters) after RUN, COPY and ADD; leading
 * {@code --flag=value} options; exec form (a JSON array) and shell form.
 */
final class DockerfileParser {
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(\\S*)\\s*$");
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
  private static final ObjectMapper JSON = Json.mapper();

  private final String source;
  private final String[] lines;
  private char escape = '\\';
  private int next;

  DockerfileParser(String source, String text) {
    this.source = source;
    this.lines = text.split("\r?\n", -1);
  }

  Dockerfile parse() {
    readDirectives();
    List<Instruction> out = new ArrayList<>();
    while (next < lines.length) {
      String line = lines[next];
      if (line.isBlank() || line.strip().startsWith("#")) {
        next++;
        continue;
      }
      out.add(instruction());
    }
    return new Dockerfile(source, escape, out);
  }

  private void readDirectives() {
    while (next < lines.length) {
      Matcher m = DIRECTIVE.matcher(lines[next]);
      if (!m.matches()) {
        return;
      }
      if (m.group(1).equalsIgnoreCase("escape")) {
        String v = m.group(2);
        if (!v.equals("\\") && !v.equals("`")) {
          throw error(next + 1, "escape directive '" + v + "' (expected \\ or `)");
        }
        escape = v.charAt(0);
      }
      next++;
    }
  }

  private Instruction instruction() {
    int start = next + 1;
    StringBuilder logical = new StringBuilder();
    while (next < lines.length) {
      String line = lines[next++];
      String trimmed = line.stripTrailing();
      if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape) {
        logical.append(trimmed, 0, trimmed.length() - 1);
        while (next < lines.length && (lines[next].isBlank() || lines[next].strip().startsWith("#"))) {
          next++;
        }
        continue;
      }
      logical.append(line);
      break;
    }
    String text = logical.toString().strip();
    int sp = indexOfSpace(text);
    String keyword = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
    String rest = sp < 0 ? "" : text.substring(sp).strip();
    List<String> flags = new ArrayList<>();
    while (rest.startsWith("--")) {
      int end = indexOfSpace(rest);
      flags.add(rest.substring(2, end < 0 ? rest.length() : end));
      rest = end < 0 ? "" : rest.substring(end).strip();
    }
    List<Instruction.Heredoc> heredocs = keyword.matches("RUN|COPY|ADD") ? heredocs(rest) : List.of();
    return new Instruction(start, next, keyword, flags, rest, execForm(rest), heredocs);
  }

  private List<Instruction.Heredoc> heredocs(String rest) {
    List<Instruction.Heredoc> out = new ArrayList<>();
    Matcher m = HEREDOC.matcher(rest);
    while (m.find()) {
      boolean strip = !m.group(1).isEmpty();
      String name = m.group(3);
      int opened = next;
      StringBuilder body = new StringBuilder();
      while (true) {
        if (next >= lines.length) {
          throw error(opened, "heredoc <<" + name + " is not closed (expected a line '" + name + "')");
        }
        String line = lines[next++];
        String cmp = strip ? line.replaceFirst("^\t+", "") : line;
        if (cmp.equals(name)) {
          break;
        }
        body.append(cmp).append('\n');
      }
      out.add(new Instruction.Heredoc(name, strip, body.toString()));
    }
    return out;
  }

  private static List<String> execForm(String rest) {
    if (!rest.startsWith("[")) {
      return null;
    }
    try {
      return JSON.readValue(rest, new TypeReference<List<String>>() { });
    } catch (Exception e) {
      return null; // not valid JSON: Docker runs it as shell form
    }
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private IllegalArgumentException error(int line, String what) {
    return new IllegalArgumentException("Error parsing Dockerfile '" + source + "' line " + line + ": " + what);
  }
}
