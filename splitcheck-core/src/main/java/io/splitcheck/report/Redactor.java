package io.splitcheck.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks secrets in text before it reaches a report, a JSON file, the console or an error message:
 * the values of variables whose names look like secrets ({@code API_TOKEN=...}, {@code
 * "db_password": "..."}, {@code --password ...}), values whose shape is a credential (AWS access
 * key ids, GitHub and Slack tokens, {@code Bearer} headers, private key blocks), and literal values
 * the user handed in as secrets (build secret files). Pure; a value is replaced by {@value #MASK},
 * so the name stays readable.
 *
 * <p>Apply it to values, never to a serialised document: every rule is bounded by the value it is
 * given (a key block without its END line blanks only the key's own lines), but a rule that runs to
 * the end of a line would eat a JSON document's closing quote. {@link RedactingJson} does that for
 * JSON.
 */
public final class Redactor {
  public static final String MASK = "[REDACTED]";

  /** Names whose values are secret: a word ending or containing one of these. */
  private static final String NAME =
      "[A-Za-z0-9_.-]*(?i:token|secret|passwd|password|pwd|api[_-]?key"
          + "|access[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*";

  /**
   * One word of an unquoted value: commas, semicolons, brackets belong to it; quotes and markup end
   * it.
   */
  private static final String WORD = "[^\\s\"'<\\\\]+";

  /**
   * NAME=VALUE (env, build args, command lines). A quoted value runs to its closing quote; an
   * unquoted one over further words (a passphrase with spaces) until the next NAME=, a --flag or
   * the line's end.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?<![A-Za-z0-9_.-])("
              + NAME
              + ")=(?:"
              + "\"((?:[^\"\\\\\\n]|\\\\.)*)\"?|'([^'\\n]*)'?|("
              + WORD
              + "(?:[ \\t]+(?![A-Za-z_][A-Za-z0-9_.-]*=|--?[A-Za-z])"
              + WORD
              + ")*))");

  /** --password VALUE, --api-token=VALUE: a flag naming a password or token, and its value. */
  private static final Pattern FLAG =
      Pattern.compile(
          "(?<![A-Za-z0-9_-])(--?[A-Za-z0-9-]*"
              + "(?i:password|passwd|pwd|token|api-?key|credentials?)[A-Za-z0-9-]*)(=|[ \\t]+)(?:"
              + "\"((?:[^\"\\\\\\n]|\\\\.)*)\"?|'([^'\\n]*)'?|("
              + WORD
              + "))");

  /** "NAME": "VALUE" in JSON. */
  private static final Pattern JSON_FIELD =
      Pattern.compile("(\"" + NAME + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");

  private static final List<Pattern> SHAPES =
      List.of(
          Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
          Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
          Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"),
          // a key block: to its END line, or without one over its own base64 and header lines only
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=:,\\s-]*?-----END [A-Z ]*PRIVATE KEY-----"
                  + "|(?:[ \\t]*\\r?\\n[ \\t]*(?:[A-Za-z0-9+/=]+(?=[ \\t]*(?:\\r?\\n|$))|(?:Proc-Type|DEK-Info|Comment):[^\\n]*))*)"));

  /** Bearer/Basic credentials, as an Authorization header or a curl line quotes them. */
  private static final Pattern SCHEME =
      Pattern.compile("(?i)\\b(Bearer|Basic)([ \\t]+)[A-Za-z0-9._~+/=-]{6,}");

  /** The shortest literal worth blanking: shorter ones would blank ordinary words. */
  private static final int MIN_LITERAL = 6;

  /** Every value the user handed in as a secret in this process: blanked by every redactor. */
  private static final Set<String> REMEMBERED = new ConcurrentSkipListSet<>();

  private static final Redactor DEFAULT = new Redactor(List.of());

  private final List<String> literals;

  private Redactor(List<String> literals) {
    this.literals = literals;
  }

  /** Names, shapes, and every secret {@link #rememberSecrets remembered} in this process. */
  public static Redactor standard() {
    return DEFAULT;
  }

  /**
   * Called where a secret is read (a {@code --secret} source, a scenario's build secret): from then
   * on every redactor of this process blanks the value, its lines, wherever the text comes from (an
   * error message, a shutdown hook, a report), with no call site having to pass it on.
   */
  public static void rememberSecrets(Collection<String> values) {
    REMEMBERED.addAll(candidates(values));
  }

  /** Also blanks these exact values (e.g. the contents of build secret files), longest first. */
  public Redactor withLiterals(Collection<String> values) {
    List<String> all = new ArrayList<>(literals);
    for (String t : candidates(values)) {
      if (!all.contains(t)) {
        all.add(t);
      }
    }
    return new Redactor(List.copyOf(all));
  }

  /** A value and each of its lines, stripped, long enough not to blank ordinary words. */
  private static List<String> candidates(Collection<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v == null) {
        continue;
      }
      List<String> pieces = new ArrayList<>(List.of(v.strip()));
      v.lines().map(String::strip).forEach(pieces::add);
      pieces.stream().filter(t -> t.length() >= MIN_LITERAL && !out.contains(t)).forEach(out::add);
    }
    return out;
  }

  /** The text with every secret value replaced by {@value #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    List<String> all = new ArrayList<>(literals);
    REMEMBERED.stream().filter(l -> !all.contains(l)).forEach(all::add);
    all.sort(Comparator.comparingInt(String::length).reversed());
    for (String literal : all) {
      out = out.replace(literal, MASK);
    }
    out = replace(JSON_FIELD.matcher(out), m -> m.group(1) + MASK + m.group(3));
    out = valued(ASSIGNMENT.matcher(out), "=");
    out = valued(FLAG.matcher(out), null);
    out = SCHEME.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return out;
  }

  /**
   * NAME, separator, then the value (group 2 double-quoted, 3 single-quoted, last bare) blanked.
   */
  private static String valued(Matcher m, String separator) {
    StringBuilder sb = new StringBuilder();
    int sepGroup = separator == null ? 2 : 0;
    int first = separator == null ? 3 : 2;
    while (m.find()) {
      String sep = separator != null ? separator : m.group(sepGroup);
      String replacement;
      if (m.group(first) != null) {
        replacement =
            m.group(first).equals(MASK)
                ? m.group()
                : m.group(1) + sep + "\"" + MASK + (m.group().endsWith("\"") ? "\"" : "");
      } else if (m.group(first + 1) != null) {
        replacement =
            m.group(first + 1).equals(MASK)
                ? m.group()
                : m.group(1) + sep + "'" + MASK + (m.group().endsWith("'") ? "'" : "");
      } else {
        String bare = m.group(first + 2);
        replacement = bare.startsWith(MASK) ? m.group() : m.group(1) + sep + MASK;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String replace(Matcher m, Function<Matcher, String> with) {
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(2).equals(MASK) ? m.group() : with.apply(m);
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
