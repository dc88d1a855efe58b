package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code parseWords} (words with their quotes and escapes kept, split at unquoted white
 * space) and {@code parseNameVal} ({@code ENV}/{@code LABEL}: {@code key value} or {@code k=v ...},
 * as key, value, separator triples).
 */
final class NameValues {
  private NameValues() {}

  static List<String> parse(String rest, String keyword, char escape) {
    List<String> words = words(rest, escape);
    if (words.isEmpty()) {
      return List.of();
    }
    if (!words.get(0).contains("=")) {
      List<String> parts = DockerfileLines.splitWhitespace(rest, 2);
      if (parts.size() < 2) {
        throw new IllegalArgumentException(keyword + " must have two arguments");
      }
      return List.of(parts.get(0), parts.get(1), "");
    }
    List<String> out = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "Syntax error - can't find = in "
                + GoQuote.quote(word)
                + ". Must be of the form: name=value");
      }
      out.add(word.substring(0, eq));
      out.add(word.substring(eq + 1));
      out.add("=");
    }
    return out;
  }

  static List<String> words(String rest, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean inQuote = false;
    int quote = 0;
    boolean blankOk = false;
    int pos = 0;
    while (true) {
      if (pos == rest.length()) {
        if (inWord && (blankOk || word.length() > 0)) {
          words.add(word.toString());
        }
        return words;
      }
      int ch = rest.codePointAt(pos);
      int width = Character.charCount(ch);
      if (!inWord) {
        if (DockerfileLines.isSpace(ch)) {
          pos += width;
          continue;
        }
        inWord = true;
      }
      if (!inQuote) {
        if (DockerfileLines.isSpace(ch)) {
          inWord = false;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          pos += width;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          inQuote = true;
        }
        if (ch == escape) {
          if (pos + width == rest.length()) {
            pos += width;
            continue;
          }
          word.appendCodePoint(ch);
          pos += width;
          ch = rest.codePointAt(pos);
          width = Character.charCount(ch);
        }
        word.appendCodePoint(ch);
        pos += width;
        continue;
      }
      if (ch == quote) {
        inQuote = false;
      }
      if (ch == escape && quote != '\'') {
        if (pos + width == rest.length()) {
          inQuote = false;
          pos += width;
          continue;
        }
        pos += width;
        word.appendCodePoint(ch);
        ch = rest.codePointAt(pos);
        width = Character.charCount(ch);
      }
      word.appendCodePoint(ch);
      pos += width;
    }
  }
}
