package io.splitcheck.audit;

import java.util.List;

/**
 * BuildKit's {@code extractBuilderFlags}: the leading words that start with {@code --}, with quotes
 * and escapes removed ({@code --mount=type=secret,id="my id"} is one flag). A bare {@code --} ends
 * the flags and is not one.
 */
final class BuilderFlags {
  private static final int SPACES = 0;
  private static final int WORD = 1;
  private static final int QUOTE = 2;

  private BuilderFlags() {}

  /** Adds the flags of {@code line} to {@code flags} and returns the rest of the line. */
  static String extract(String line, char escape, List<String> flags) {
    int phase = SPACES;
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean blankOk = false;
    for (int pos = 0; pos <= line.length(); pos++) {
      char ch = pos < line.length() ? line.charAt(pos) : 0;
      if (phase == SPACES) {
        if (pos == line.length()) {
          break;
        }
        if (DockerfileLines.isSpace(ch)) {
          continue;
        }
        if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        phase = WORD;
      }
      if (pos == line.length()) {
        String w = word.toString();
        if (!w.equals("--") && (blankOk || !w.isEmpty())) {
          flags.add(w);
        }
        break;
      }
      if (phase == WORD) {
        if (DockerfileLines.isSpace(ch)) {
          String w = word.toString();
          phase = SPACES;
          if (w.equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || !w.isEmpty()) {
            flags.add(w);
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
          phase = QUOTE;
          continue;
        }
      } else if (ch == quote) {
        phase = WORD;
        continue;
      }
      if (ch == escape) {
        if (pos + 1 == line.length()) {
          if (phase == QUOTE) {
            phase = WORD;
          }
          continue;
        }
        pos++;
        ch = line.charAt(pos);
      }
      word.append(ch);
    }
    return "";
  }
}
