package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Dockerfile instruction after line continuations are joined and comments dropped.
 *
 * @param line the 1-based line the instruction starts on
 * @param endLine the last line it covers (continuations and heredoc bodies included)
 * @param keyword upper case: {@code FROM}, {@code RUN}, ...
 * @param flags leading {@code --name=value} options in order, without the dashes, quotes removed:
 *     {@code mount=type=secret,id=x}
 * @param arguments the rest after the flags, as written (shell form text or the exec-form JSON)
 * @param execForm the JSON array of the exec form, or null for the shell form
 * @param heredocs heredoc bodies in the order their markers appear
 * @param values the values BuildKit's parser makes of the arguments (its AST's node chain): words
 *     of FROM, COPY, ARG; key, value, separator triples of ENV and LABEL; the one shell-form string
 *     of RUN
 * @param trigger the instruction an {@code ONBUILD} carries, or null
 * @param escape the file's escape character
 */
public record Instruction(
    int line,
    int endLine,
    String keyword,
    List<String> flags,
    String arguments,
    List<String> execForm,
    List<Heredoc> heredocs,
    List<String> values,
    Instruction trigger,
    char escape) {
  private static final Pattern VAR =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}|([A-Za-z_][A-Za-z0-9_]*))");

  /**
   * {@code <<EOF} ... {@code EOF}: {@code stripTabs} for {@code <<-EOF} (the body then has its
   * leading tabs removed, as the build does), {@code expand} when no part of the name is quoted,
   * {@code fileDescriptor} from {@code 3<<EOF} (0 when not given).
   */
  public record Heredoc(
      String name, boolean stripTabs, String body, boolean expand, int fileDescriptor) {
    public Heredoc(String name, boolean stripTabs, String body) {
      this(name, stripTabs, body, true, 0);
    }
  }

  public Instruction {
    flags = List.copyOf(flags);
    execForm = execForm == null ? null : List.copyOf(execForm);
    heredocs = List.copyOf(heredocs);
    values = List.copyOf(values);
  }

  /** The instruction in BuildKit's AST dump format, without the enclosing parentheses. */
  public String dump() {
    StringBuilder out = new StringBuilder(keyword.toLowerCase(Locale.ROOT));
    if (!flags.isEmpty()) {
      out.append(' ').append(GoQuote.quote(flags.stream().map(f -> "--" + f).toList()));
    }
    if (trigger != null) {
      out.append(" (").append(trigger.dump()).append(')');
    }
    values.forEach(v -> out.append(' ').append(GoQuote.quote(v)));
    return out.toString().strip();
  }

  public boolean is(String kw) {
    return keyword.equals(kw);
  }

  /** The value of {@code --name=value}, the first when repeated. */
  public Optional<String> flag(String name) {
    return flags(name).stream().findFirst();
  }

  public List<String> flags(String name) {
    List<String> out = new ArrayList<>();
    for (String f : flags) {
      if (f.startsWith(name + "=")) {
        out.add(f.substring(name.length() + 1));
      } else if (f.equals(name)) {
        out.add("");
      }
    }
    return out;
  }

  /**
   * The command text a shell would run (the joined exec form, or the shell form) plus heredoc
   * bodies.
   */
  public String commandText() {
    StringBuilder sb = new StringBuilder(execForm == null ? arguments : String.join(" ", execForm));
    heredocs.forEach(h -> sb.append('\n').append(h.body()));
    return sb.toString();
  }

  /** Whitespace-separated words of the arguments (for FROM, COPY, ADD, ARG). */
  public List<String> words() {
    if (execForm != null) {
      return execForm;
    }
    String a = arguments.strip();
    return a.isEmpty() ? List.of() : List.of(a.split("\\s+"));
  }

  /**
   * Names referenced as {@code $NAME} or {@code ${NAME...}} in the arguments and heredoc bodies.
   */
  public Set<String> variableReferences() {
    Set<String> out = new TreeSet<>();
    Matcher m = VAR.matcher(commandText() + " " + String.join(" ", flags));
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }

  /**
   * {@code ENV}, {@code ARG} and {@code LABEL} pairs in order, values with quotes and escapes
   * removed as the build removes them (variables are left as written): {@code K=V K2="v 2"}, the
   * legacy {@code ENV K v w}, or a bare {@code ARG K} (value null). Empty for other instructions.
   */
  public Map<String, String> keyValues() {
    Map<String, String> out = new LinkedHashMap<>();
    ShellLex lex = new ShellLex(escape, false, false);
    if (is("ENV") || is("LABEL")) {
      for (int k = 0; k + 1 < values.size(); k += 3) {
        out.put(is("LABEL") ? lex.word(values.get(k)) : values.get(k), lex.word(values.get(k + 1)));
      }
    } else if (is("ARG")) {
      for (String w : values) {
        int eq = w.indexOf('=');
        out.put(eq < 0 ? w : w.substring(0, eq), eq < 0 ? null : lex.word(w.substring(eq + 1)));
      }
    }
    return out;
  }
}
