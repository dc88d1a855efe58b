package io.splitcheck.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.splitcheck.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BuildKit's {@code split_command.go} and {@code line_parsers.go}: one logical line into the
 * command, its {@code --flags} and the node values each instruction's line parser makes of the
 * rest.
 */
final class LineParsers {
  /** Go's json.Unmarshal: text after the array makes it invalid (then the line is shell form). */
  private static final ObjectReader JSON =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * One parsed line: {@code values} are the AST's Next chain, {@code child} the ONBUILD trigger.
   */
  record Parsed(
      String command,
      List<String> flags,
      String arguments,
      List<String> values,
      boolean json,
      Parsed child) {
    Parsed {
      flags = List.copyOf(flags);
      values = List.copyOf(values);
    }
  }

  private record Rest(List<String> values, boolean json, Parsed child) {
    static final Rest NONE = new Rest(List.of(), false, null);
  }

  private LineParsers() {}

  /** {@code newNodeFromLine}. */
  static Parsed parse(String line, char escape) {
    List<String> cmdline = DockerfileLines.splitWhitespace(DockerfileLines.trimSpace(line), 2);
    String command = cmdline.get(0);
    List<String> flags = new ArrayList<>();
    String args = "";
    if (cmdline.size() == 2) {
      args = DockerfileLines.trimSpace(BuilderFlags.extract(cmdline.get(1), escape, flags));
    }
    Rest rest = dispatch(command.toLowerCase(Locale.ROOT), args, escape);
    return new Parsed(command, flags, args, rest.values, rest.json, rest.child);
  }

  private static Rest dispatch(String command, String rest, char escape) {
    return switch (command) {
      case "add", "copy", "volume" -> maybeJsonToList(rest);
      case "arg" -> new Rest(NameValues.words(rest, escape), false, null);
      case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
      case "env" -> new Rest(NameValues.parse(rest, "ENV", escape), false, null);
      case "label" -> new Rest(NameValues.parse(rest, "LABEL", escape), false, null);
      case "expose", "from" -> new Rest(whitespaceDelimited(rest), false, null);
      case "healthcheck" -> healthcheck(rest);
      case "maintainer", "stopsignal", "user", "workdir" ->
          new Rest(rest.isEmpty() ? List.of() : List.of(rest), false, null);
      case "onbuild" ->
          rest.isEmpty() ? Rest.NONE : new Rest(List.of(), false, parse(rest, escape));
      default -> new Rest(List.of(""), false, null); // parseIgnore: an empty node
    };
  }

  private static List<String> whitespaceDelimited(String rest) {
    return rest.isEmpty() ? List.of() : DockerfileLines.splitWhitespace(rest, -1);
  }

  /** {@code parseJSON}: null when {@code rest} is not a JSON array (then it is shell form). */
  private static List<String> json(String rest) {
    String t = DockerfileLines.trimLeft(rest);
    if (!t.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(t);
    } catch (Exception e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw new IllegalArgumentException(
            "when using JSON array syntax, arrays must be comprised of strings only");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Rest maybeJson(String rest) {
    if (rest.isEmpty()) {
      return Rest.NONE;
    }
    List<String> j = json(rest);
    return j != null ? new Rest(j, true, null) : new Rest(List.of(rest), false, null);
  }

  private static Rest maybeJsonToList(String rest) {
    List<String> j = json(rest);
    return j != null ? new Rest(j, true, null) : new Rest(whitespaceDelimited(rest), false, null);
  }

  private static Rest healthcheck(String rest) {
    int sep = 0;
    while (sep < rest.length() && !DockerfileLines.isSpace(rest.charAt(sep))) {
      sep++;
    }
    int next = sep;
    while (next < rest.length() && DockerfileLines.isSpace(rest.charAt(next))) {
      next++;
    }
    if (sep == 0) {
      return Rest.NONE;
    }
    Rest cmd = maybeJson(rest.substring(next));
    List<String> values = new ArrayList<>();
    values.add(rest.substring(0, sep));
    values.addAll(cmd.values);
    return new Rest(values, cmd.json, null);
  }
}
