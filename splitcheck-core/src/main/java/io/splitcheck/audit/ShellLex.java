package io.splitcheck.audit;

import java.util.List;

/**
 * The part of BuildKit's shell lexer ({@code frontend/dockerfile/shell/lex.go}) the Dockerfile
 * parser needs: word splitting with quotes, escapes, {@code <<} and {@code $}-references, with no
 * variables set and unset ones kept as written ({@code SkipUnsetEnv}). {@code rawQuotes} keeps the
 * quote characters in the words, {@code rawEscapes} the escape characters. A quote left open or a
 * bad {@code ${...}} is an {@link IllegalArgumentException} with BuildKit's message.
 */
final class ShellLex {
  private static final int EOF = -1;

  private final char escape;
  private final boolean rawQuotes;
  private boolean rawEscapes;

  /** The word being built, shared by nested calls as in lex.go (see {@link ShellWords}). */
  private final StringBuilder wordsBuffer = new StringBuilder();

  private String text;
  private int pos;

  ShellLex(char escape, boolean rawQuotes, boolean rawEscapes) {
    this.escape = escape;
    this.rawQuotes = rawQuotes;
    this.rawEscapes = rawEscapes;
  }

  /**
   * BuildKit's {@code ProcessWords}: the words of {@code word} after quote and escape processing.
   */
  List<String> words(String word) {
    start(word);
    return processStopOn(EOF, rawEscapes).words;
  }

  /**
   * BuildKit's {@code ProcessWord}: the whole text after quote and escape processing, spaces kept.
   */
  String word(String word) {
    start(word);
    return processStopOn(EOF, rawEscapes).result;
  }

  private void start(String word) {
    text = word;
    pos = 0;
    wordsBuffer.setLength(0);
  }

  private record Processed(String result, List<String> words) {}

  private int peek() {
    return pos < text.length() ? text.codePointAt(pos) : EOF;
  }

  private int next() {
    int ch = peek();
    if (ch != EOF) {
      pos += Character.charCount(ch);
    }
    return ch;
  }

  private Processed processStopOn(int stop, boolean raw) {
    StringBuilder result = new StringBuilder();
    wordsBuffer.setLength(0);
    ShellWords words = new ShellWords(wordsBuffer);
    boolean saved = rawEscapes;
    rawEscapes = raw;
    try {
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Processed(result.toString(), words.get());
        }
        String special = special(ch);
        if (special != null) {
          result.append(special);
          if (ch == '$') {
            words.addString(special);
          } else {
            words.addRawString(special);
          }
          continue;
        }
        ch = next();
        if (ch == escape) {
          if (rawEscapes) {
            words.addRawChar(ch);
            result.appendCodePoint(ch);
          }
          ch = next();
          if (ch == EOF) {
            break;
          }
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result.appendCodePoint(ch);
      }
      if (stop != EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching " + Character.toString(stop));
      }
      return new Processed(result.toString(), words.get());
    } finally {
      rawEscapes = saved;
    }
  }

  private String special(int ch) {
    return switch (ch) {
      case '$' -> dollar();
      case '<' -> possibleHeredoc();
      case '\'' -> singleQuote();
      case '"' -> doubleQuote();
      default -> null;
    };
  }

  private String singleQuote() {
    StringBuilder out = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      out.appendCodePoint(ch);
    }
    while (true) {
      ch = next();
      if (ch == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching single-quote");
      }
      if (ch == '\'') {
        if (rawQuotes) {
          out.appendCodePoint(ch);
        }
        return out.toString();
      }
      out.appendCodePoint(ch);
    }
  }

  private String doubleQuote() {
    StringBuilder out = new StringBuilder();
    int ch = next();
    if (rawQuotes) {
      out.appendCodePoint(ch);
    }
    while (true) {
      int p = peek();
      if (p == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching double-quote");
      } else if (p == '"') {
        ch = next();
        if (rawQuotes) {
          out.appendCodePoint(ch);
        }
        return out.toString();
      } else if (p == '$') {
        out.append(dollar());
      } else {
        ch = next();
        if (ch == escape) {
          if (rawEscapes) {
            out.appendCodePoint(ch);
          }
          int n = peek();
          if (n == EOF) {
            continue;
          }
          if (n == '"' || n == '$' || n == escape) {
            ch = next();
          }
        }
        out.appendCodePoint(ch);
      }
    }
  }

  private String possibleHeredoc() {
    next();
    if (peek() != '<') {
      return "<";
    }
    next();
    StringBuilder out = new StringBuilder("<<");
    while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
      out.appendCodePoint(next());
    }
    return out.toString();
  }

  private String dollar() {
    next();
    if (peek() != '{') {
      String name = name();
      return "$" + name;
    }
    next();
    int p = peek();
    if (p == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (p == '{' || p == '}' || p == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = name();
    int ch = next();
    String chs = ch == EOF ? "" : Character.toString(ch);
    boolean nullIsUnset = false;
    if (ch == '}') {
      return "${" + name + "}";
    }
    if (ch == ':') {
      nullIsUnset = true;
      ch = next();
      chs += ch == EOF ? "" : Character.toString(ch);
    } else if (ch == '/') {
      return replacement(name);
    }
    if (ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%') {
      boolean raw = ch == '#' || ch == '%';
      if (nullIsUnset && raw) {
        throw new IllegalArgumentException("unsupported modifier (" + chs + ") in substitution");
      }
      String word = stopOnOrMissing('}', raw, "syntax error: missing '}'");
      return "${" + name + chs + word + "}";
    }
    throw new IllegalArgumentException("unsupported modifier (" + chs + ") in substitution");
  }

  private String replacement(String name) {
    if (peek() == '/') {
      next();
    }
    String pattern = stopOnOrMissing('/', true, "syntax error: missing '/' in ${}");
    String replacement = stopOnOrMissing('}', true, "syntax error: missing '}'");
    return "${" + name + "/" + pattern + "/" + replacement + "}";
  }

  private String stopOnOrMissing(int stop, boolean raw, String missing) {
    try {
      return processStopOn(stop, raw).result;
    } catch (IllegalArgumentException e) {
      if (peek() == EOF) {
        throw new IllegalArgumentException(missing, e);
      }
      throw e;
    }
  }

  private String name() {
    StringBuilder name = new StringBuilder();
    while (peek() != EOF) {
      int ch = peek();
      if (name.length() == 0 && Character.isDigit(ch)) {
        while (peek() != EOF && Character.isDigit(peek())) {
          name.appendCodePoint(next());
        }
        return name.toString();
      }
      if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
        return Character.toString(next());
      }
      if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
        break;
      }
      name.appendCodePoint(next());
    }
    return name.toString();
  }
}
