package io.splitcheck.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's {@code DirectiveParser}: {@code # syntax=}, {@code # escape=} and {@code # check=}
 * lines before anything else. Any other line (an unknown {@code # foo=bar}, {@code # escape=} with
 * no value, a blank line, a comment, an instruction) ends the scanning for good; a directive given
 * twice is an error.
 */
final class Directives {
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*([^\\n]+?)[\\t\\n\\f\\r ]*");

  private final Map<String, String> seen = new LinkedHashMap<>();
  private boolean done;
  private char escape = '\\';

  char escape() {
    return escape;
  }

  /** The directives read, by lower-case name, in file order. */
  Map<String, String> values() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seen));
  }

  /** True when {@code line} (newline removed) is a directive; it then takes effect. */
  boolean read(String line) {
    if (done) {
      return false;
    }
    if (!line.startsWith("#")) {
      done = true;
      return false;
    }
    Matcher m = DIRECTIVE.matcher(DockerfileLines.trimLeft(line.substring(1)));
    if (!m.matches()) {
      done = true;
      return false;
    }
    String key = m.group(1).toLowerCase(Locale.ROOT);
    if (!key.equals("syntax") && !key.equals("escape") && !key.equals("check")) {
      done = true;
      return false;
    }
    if (seen.containsKey(key)) {
      throw new IllegalArgumentException("only one " + key + " parser directive can be used");
    }
    seen.put(key, m.group(2));
    if (key.equals("escape")) {
      String v = m.group(2);
      if (!v.equals("`") && !v.equals("\\")) {
        throw new IllegalArgumentException(
            "invalid escape token '" + v + "' does not match ` or \\");
      }
      escape = v.charAt(0);
    }
    return true;
  }
}
