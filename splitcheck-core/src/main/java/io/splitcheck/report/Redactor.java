package io.splitcheck.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks secrets in text before it reaches a report, a JSON file, the console or an error message:
 * the values of variables whose names look like secrets ({@code API_TOKEN=...}, {@code "db_password": "..."}),
 * values whose shape is a credential (AWS access key ids, GitHub and Slack tokens, private key blocks),
 * and literal values the caller knows are secret (build secrets). Pure; a value is replaced by
 * {@value #MASK}, so the name stays readable and the difference stays visible.
 */
public final class Redactor {
  public static final String MASK = "[REDACTED]";
  /** Names whose values are secret: a word ending or containing one of these. */
  private static final String NAME = "[A-Za-z0-9_.-]*(?i:token|secret|passwd|password|pwd|api[_-]?key"
      + "|access[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*";
  /** NAME=VALUE (env, build args, command lines); the value ends at a quote, space or markup. */
  private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.-])(" + NAME + ")=([^\\s\"'<>&\\\\,;]+)");
  /** "NAME": "VALUE" in JSON. */
  private static final Pattern JSON_FIELD = Pattern.compile("(\"" + NAME + "\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)+)(\")");
  private static final List<Pattern> SHAPES = List.of(
      Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
      Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"),
      Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}\\b"),
      Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\\z)"));
  /** The shortest literal worth blanking: shorter ones would blank ordinary words. */
  private static final int MIN_LITERAL = 6;
  private static final Redactor DEFAULT = new Redactor(List.of());

  private final List<String> literals;

  private Redactor(List<String> literals) {
    this.literals = literals;
  }

  /** Names and shapes only. */
  public static Redactor standard() {
    return DEFAULT;
  }

  /** Also blanks these exact values (e.g. the contents of build secret files), longest first. */
  public Redactor withLiterals(Collection<String> values) {
    List<String> all = new ArrayList<>(literals);
    for (String v : values) {
      String t = v == null ? "" : v.strip();
      if (t.length() >= MIN_LITERAL && !all.contains(t)) {
        all.add(t);
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(all));
  }

  /** The text with every secret value replaced by {@value #MASK}; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String literal : literals) {
      out = out.replace(literal, MASK);
    }
    out = replace(JSON_FIELD.matcher(out), m -> m.group(1) + MASK + m.group(3));
    out = replace(ASSIGNMENT.matcher(out), m -> m.group(1) + "=" + MASK);
    for (Pattern shape : SHAPES) {
      out = shape.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    return out;
  }

  private static String replace(Matcher m, java.util.function.Function<Matcher, String> with) {
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(2).equals(MASK) ? m.group() : with.apply(m);
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
