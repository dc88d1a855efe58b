package io.splitcheck.scenario;

import io.splitcheck.model.Durations;
import io.splitcheck.model.Severity;
import io.splitcheck.scenario.YamlNode.ScalarNode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code checks} section: each check is {@code true}, {@code false} or a mapping of options.
 */
final class ChecksParser {
  static final Set<String> TWICE = Set.of("accept");
  static final Set<String> MATRIX =
      Set.of("configs", "profiles", "derive", "baseline", "trace", "cmd", "timeout", "pods");
  static final Set<String> AUDIT =
      Set.of("rules", "failOn", "secretIds", "cacheCheck", "entrypointOnly");

  /**
   * @param dir the scenario's directory, where the files it names are
   */
  Checks checks(Fields c, Path dir) {
    Checks.Twice twice = enabled(c, "twice") ? twice(c) : null;
    Checks.Matrix matrix = enabled(c, "matrix") ? matrix(options(c, "matrix", MATRIX), dir) : null;
    Checks.Audit audit = enabled(c, "audit") ? audit(options(c, "audit", AUDIT)) : null;
    return new Checks(twice, matrix, audit);
  }

  /** Present and not {@code false}; a scalar other than a boolean is a type error. */
  private static boolean enabled(Fields c, String name) {
    if (!c.has(name)) {
      return false;
    }
    YamlNode node = c.raw(name);
    if (node instanceof ScalarNode s) {
      return c.scalar(name, s, Boolean.class, "true, false or a mapping of options");
    }
    return true;
  }

  /** The options mapping, or an empty one for {@code true}. */
  private static Fields options(Fields c, String name, Set<String> allowed) {
    YamlNode node = c.raw(name);
    if (node instanceof ScalarNode) {
      return Fields.of(
          c.file(), c.pathOf(name), new YamlNode.MapNode(node.line(), Map.of(), Map.of()), allowed);
    }
    return Fields.of(c.file(), c.pathOf(name), node, allowed);
  }

  private static Checks.Twice twice(Fields c) {
    Fields t = options(c, "twice", TWICE);
    return new Checks.Twice(t.oneOf("accept", Set.of("config-only", "mtime-only", "metadata")));
  }

  private static Checks.Matrix matrix(Fields m, Path dir) {
    List<String> configs = m.stringList("configs");
    for (int i = 0; i < configs.size(); i++) {
      if (configs.indexOf(configs.get(i)) != i) {
        throw Fields.error(
            m.file(),
            m.raw("configs").line(),
            m.pathOf("configs") + "[" + i + "]",
            "'"
                + configs.get(i)
                + "' is listed twice (first at ["
                + configs.indexOf(configs.get(i))
                + "])");
      }
    }
    Checks.Matrix matrix =
        new Checks.Matrix(
            configs,
            m.stringMap("profiles"),
            m.stringMap("derive"),
            m.string("baseline"),
            m.oneOf("trace", Set.of("auto", "always", "never")),
            m.stringList("cmd"),
            m.mapScalar("timeout", ChecksParser::duration),
            PodsField.read(m, dir));
    if (matrix.baseline() != null && !cells(matrix).contains(matrix.baseline())) {
      throw Fields.error(
          m.file(),
          m.raw("baseline").line(),
          m.pathOf("baseline"),
          "'"
              + matrix.baseline()
              + "' is not a cell of this matrix (cells: "
              + String.join(", ", cells(matrix))
              + ")");
    }
    return matrix;
  }

  private static Checks.Audit audit(Fields a) {
    Fields rules = a.object("rules", Set.of("enable", "disable"));
    Fields cache = a.object("cacheCheck", Set.of("arg", "values"));
    Checks.CacheCheck cacheCheck =
        cache == null
            ? null
            : new Checks.CacheCheck(cache.requiredString("arg"), cache.stringList("values"));
    if (cacheCheck != null && cacheCheck.values().size() != 2) {
      throw Fields.error(
          a.file(),
          a.raw("cacheCheck").line(),
          "checks.audit.cacheCheck.values",
          "expected exactly two values, got " + cacheCheck.values().size());
    }
    Severity failOn = a.mapScalar("failOn", Severity::parse);
    Boolean entrypointOnly = a.bool("entrypointOnly");
    return new Checks.Audit(
        rules == null ? List.of() : patterns(rules, "enable"),
        rules == null ? List.of() : patterns(rules, "disable"),
        failOn == null ? null : failOn.label(),
        a.stringList("secretIds"),
        cacheCheck,
        Boolean.TRUE.equals(entrypointOnly));
  }

  /** Rule patterns: {@code leak.git-dir}, {@code leak} or {@code leak.*}. */
  private static List<String> patterns(Fields rules, String name) {
    List<String> out = rules.stringList(name);
    for (int i = 0; i < out.size(); i++) {
      if (!out.get(i).matches("[a-z]+(\\.([a-z0-9-]+|\\*))?")) {
        throw Fields.error(
            rules.file(),
            rules.raw(name).line(),
            rules.pathOf(name) + "[" + i + "]",
            "expected a rule id (leak.git-dir), a category (leak) or leak.*, got '"
                + out.get(i)
                + "'");
      }
    }
    return out;
  }

  /** The names of the matrix's cells: configs (or the built-in six), then profiles, then derive. */
  static List<String> cells(Checks.Matrix m) {
    LinkedHashSet<String> cells =
        new LinkedHashSet<>(
            m.configs().isEmpty()
                ? List.of(
                    "unconfined",
                    "runtime-default",
                    "cap-drop-all",
                    "read-only",
                    "no-network",
                    "restricted")
                : m.configs());
    cells.addAll(m.profiles().keySet());
    cells.addAll(m.derive().keySet());
    return List.copyOf(cells);
  }

  /**
   * Checked in the one duration grammar ({@link Durations}) when the file is read; kept as written.
   */
  private static String duration(String text) {
    Durations.positive(text, "timeout");
    return text;
  }
}
