package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} matching: Go {@code filepath.Match} globs ({@code *}, {@code ?}, {@code
 * [..]}) plus {@code **}, {@code !} exceptions, the last matching line wins; a pattern matching a
 * directory excludes everything under it.
 */
final class Dockerignore {
  private record Rule(Pattern pattern, boolean exclude) {}

  private final List<Rule> rules = new ArrayList<>();

  Dockerignore(List<String> lines) {
    for (String raw : lines == null ? List.<String>of() : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exclude = !line.startsWith("!");
      String p = (exclude ? line : line.substring(1)).strip();
      while (p.startsWith("/") || p.startsWith("./")) {
        p = p.startsWith("/") ? p.substring(1) : p.substring(2);
      }
      if (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      rules.add(new Rule(Pattern.compile(toRegex(p)), exclude));
    }
  }

  boolean excluded(String path) {
    boolean out = false;
    for (Rule r : rules) {
      if (matchesOrParent(r.pattern(), path)) {
        out = r.exclude();
      }
    }
    return out;
  }

  private static boolean matchesOrParent(Pattern p, String path) {
    String cur = path;
    while (true) {
      if (p.matcher(cur).matches()) {
        return true;
      }
      int slash = cur.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      cur = cur.substring(0, slash);
    }
  }

  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
          re.append("/?");
          i++;
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i);
        re.append(end < 0 ? "\\[" : glob.substring(i, end + 1).replace("[!", "[^"));
        i = end < 0 ? i : end;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
