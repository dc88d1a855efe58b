package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param flags leading {@code --name=value} options in order, without the dashes: {@code mount=type=secret,id=x}
 * @param arguments the rest after the flags, as written (shell form text or the exec-form JSON)
 * @param execForm the JSON array of the exec form, or null for the shell form
 * @param heredocs heredoc bodies in the order their markers appear
 */
public record Instruction(int line, int endLine, String keyword, List<String> flags, String arguments,
                          List<String> execForm, List<Heredoc> heredocs) {
  private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}|([A-Za-z_][A-Za-z0-9_]*))");

  /** {@code <<EOF} ... {@code EOF}; {@code stripTabs} for {@code <<-EOF}. */
  public record Heredoc(String name, boolean stripTabs, String body) {}

  public Instruction {
    flags = List.copyOf(flags);
    execForm = execForm == null ? null : List.copyOf(execForm);
    heredocs = List.copyOf(heredocs);
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

  /** The command text a shell would run (the joined exec form, or the shell form) plus heredoc bodies. */
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

  /** Names referenced as {@code $NAME} or {@code ${NAME...}} in the arguments and heredoc bodies. */
  public Set<String> variableReferences() {
    Set<String> out = new TreeSet<>();
    Matcher m = VAR.matcher(commandText() + " " + String.join(" ", flags));
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return out;
  }

  /**
   * {@code ENV}, {@code ARG} and {@code LABEL} pairs in order: {@code K=V K2="v 2"}, the legacy
   * {@code ENV K v w}, or a bare {@code ARG K} (value null).
   */
  public Map<String, String> keyValues() {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> tokens = Tokens.split(arguments);
    if (tokens.isEmpty()) {
      return out;
    }
    if (!tokens.get(0).contains("=") && !is("ARG")) {
      String rest = arguments.strip().substring(tokens.get(0).length()).strip();
      out.put(tokens.get(0), rest);
      return out;
    }
    for (String t : tokens) {
      int eq = t.indexOf('=');
      out.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? null : t.substring(eq + 1));
    }
    return out;
  }

  /** Splits on whitespace, honouring double and single quotes (which are removed). */
  static final class Tokens {
    private Tokens() {}

    static List<String> split(String s) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      char quote = 0;
      boolean any = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
            cur.append(s.charAt(++i));
          } else {
            cur.append(c);
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
          any = true;
        } else if (Character.isWhitespace(c)) {
          if (any || cur.length() > 0) {
            out.add(cur.toString());
          }
          cur.setLength(0);
          any = false;
        } else {
          cur.append(c);
        }
      }
      if (any || cur.length() > 0) {
        out.add(cur.toString());
      }
      return out;
    }
  }
}
