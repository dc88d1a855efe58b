package io.splitcheck.trace;

/**
 * Finds the parenthesis that closes a syscall's argument list, skipping strace's quoted strings
 * (with backslash escapes), nested {@code () [] {}}, and the {@code -y}/{@code -yy} decorations of
 * file descriptors ({@code 3</tmp/a (b) c)d.txt>}, {@code AT_FDCWD</srv>}, {@code
 * 8<TCP:[1.2.3.4:5->6.7.8.9:80]>}), whose paths strace prints with {@code <} and {@code >} escaped
 * but {@code ( ) [ ]} as they are.
 */
final class ArgumentScanner {

  private ArgumentScanner() {}

  /**
   * Returns the index in {@code text} of the {@code ')'} closing the argument list that starts at
   * {@code from} (just after the opening parenthesis), or -1 when the text ends first.
   */
  static int closingParen(String text, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '<') {
        int end = decorationEnd(text, i);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      switch (c) {
        case '"' -> inString = true;
        case '(', '[', '{' -> depth++;
        case ']', '}' -> depth--;
        case ')' -> {
          if (depth == 0) {
            return i;
          }
          depth--;
        }
        default -> {}
      }
    }
    return -1;
  }

  /**
   * The index of the {@code >} closing a decoration opened at {@code lt}, or -1 when the {@code <}
   * opens none: it must follow a descriptor ({@code 3<}, {@code AT_FDCWD<}) and its {@code >} must
   * be followed by the end, a space or {@code , ) ] }} (so {@code ->} inside a socket's address
   * does not close it).
   */
  static int decorationEnd(String text, int lt) {
    if (lt == 0 || lt + 1 >= text.length()) {
      return -1;
    }
    char before = text.charAt(lt - 1);
    char after = text.charAt(lt + 1);
    if (!(Character.isLetterOrDigit(before) || before == '_') || after == '<' || after == ' ') {
      return -1;
    }
    for (int j = lt + 1; j < text.length(); j++) {
      if (text.charAt(j) == '>'
          && (j + 1 == text.length() || ",)]} ".indexOf(text.charAt(j + 1)) >= 0)) {
        return j;
      }
    }
    return -1;
  }
}
