package io.splitcheck.cli;

/** A {@code NAME=VALUE} option value, e.g. {@code --profile prod=prod.json}. */
record NamedValue(String name, String value) {
  static NamedValue parse(String option, String s) {
    int eq = s.indexOf('=');
    if (eq <= 0 || eq == s.length() - 1) {
      throw new IllegalArgumentException("Error parsing " + option + " '" + s
          + "': expected NAME=VALUE");
    }
    return new NamedValue(s.substring(0, eq), s.substring(eq + 1));
  }
}
