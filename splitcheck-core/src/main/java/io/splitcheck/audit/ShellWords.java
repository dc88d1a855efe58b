package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code wordsStruct} ({@code frontend/dockerfile/shell/lex.go}): the words {@link
 * ShellLex} splits a text into, unquoted spaces ending a word. The word being built lives in a
 * buffer that the lexer shares between a call and the calls nested in it ({@code ${...}} words), as
 * lex.go does, so it is handed in rather than owned.
 */
final class ShellWords {
  private final StringBuilder buffer;
  private final List<String> words = new ArrayList<>();
  private boolean inWord;

  ShellWords(StringBuilder buffer) {
    this.buffer = buffer;
  }

  /** A character as written: an unquoted space ends the word, other characters extend it. */
  void addChar(int ch) {
    if (DockerfileLines.isSpace(ch) && inWord) {
      if (buffer.length() != 0) {
        words.add(buffer.toString());
        buffer.setLength(0);
        inWord = false;
      }
    } else if (!DockerfileLines.isSpace(ch)) {
      addRawChar(ch);
    }
  }

  /** A quoted or escaped character: always part of the word. */
  void addRawChar(int ch) {
    buffer.appendCodePoint(ch);
    inWord = true;
  }

  void addString(String s) {
    s.codePoints().forEach(this::addChar);
  }

  void addRawString(String s) {
    buffer.append(s);
    inWord = true;
  }

  /** The words so far, the one being built included. */
  List<String> get() {
    if (buffer.length() > 0) {
      words.add(buffer.toString());
      buffer.setLength(0);
      inWord = false;
    }
    return words;
  }
}
