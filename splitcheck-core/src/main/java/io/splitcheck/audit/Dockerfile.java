package io.splitcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Dockerfile: parser directives, instructions with their line numbers, and stages. See
 * {@link DockerfileParser} for the grammar handled (BuildKit's).
 *
 * @param escape the escape character ({@code \} or {@code `} from {@code # escape=})
 * @param instructions every instruction in file order
 * @param directives the parser directives given ({@code syntax}, {@code escape}, {@code check}) by
 *     lower-case name
 */
public record Dockerfile(
    String source, char escape, List<Instruction> instructions, Map<String, String> directives) {
  /** One {@code FROM} and what follows it up to the next. */
  public record Stage(
      int index, String name, String base, Instruction from, List<Instruction> body) {
    public Stage {
      body = List.copyOf(body);
    }
  }

  public Dockerfile {
    instructions = List.copyOf(instructions);
    directives = Collections.unmodifiableMap(new LinkedHashMap<>(directives));
  }

  public Dockerfile(String source, char escape, List<Instruction> instructions) {
    this(source, escape, instructions, Map.of());
  }

  public static Dockerfile read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException {@code Error parsing Dockerfile 'source' line N: ...}
   */
  public static Dockerfile parse(String source, String text) {
    return new DockerfileParser(source, text).parse();
  }

  /**
   * The parse in BuildKit's AST dump format ({@code Node.Dump()}): one {@code (cmd ["--flag"]
   * "value" ...)} a line.
   */
  public String dump() {
    StringBuilder out = new StringBuilder();
    instructions.forEach(i -> out.append('(').append(i.dump()).append(")\n"));
    return out.toString();
  }

  /** {@code ARG}s before the first {@code FROM}. */
  public List<Instruction> globalArgs() {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : instructions) {
      if (i.is("FROM")) {
        break;
      }
      if (i.is("ARG")) {
        out.add(i);
      }
    }
    return out;
  }

  public List<Stage> stages() {
    List<Stage> stages = new ArrayList<>();
    Instruction from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction i : instructions) {
      if (i.is("FROM")) {
        if (from != null) {
          stages.add(stage(stages.size(), from, body));
        }
        from = i;
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(i);
      }
    }
    if (from != null) {
      stages.add(stage(stages.size(), from, body));
    }
    return stages;
  }

  public Optional<Stage> finalStage() {
    List<Stage> s = stages();
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
  }

  /** A stage's base with global ARG defaults substituted ({@code FROM ${BASE}:${TAG}}). */
  public String substituteGlobalArgs(String text) {
    String out = text;
    for (Instruction a : globalArgs()) {
      for (Map.Entry<String, String> kv : a.keyValues().entrySet()) {
        if (kv.getValue() != null) {
          out =
              out.replace("${" + kv.getKey() + "}", kv.getValue())
                  .replace("$" + kv.getKey(), kv.getValue());
        }
      }
    }
    return out;
  }

  private Stage stage(int index, Instruction from, List<Instruction> body) {
    List<String> w = from.words();
    String base = w.isEmpty() ? "" : substituteGlobalArgs(w.get(0));
    String name = w.size() >= 3 && w.get(1).toLowerCase(Locale.ROOT).equals("as") ? w.get(2) : null;
    return new Stage(index, name, base, from, body);
  }
}
