package io.splitcheck.report;

import io.splitcheck.audit.RuleIds;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a SARIF log describes: every audit rule (from {@link RuleIds}, with its default level)
 * and the two checks that are not rules of the audit: a matrix split and a twice difference.
 */
final class SarifRules {
  static final String MATRIX_SPLIT = "matrix.split";
  static final String TWICE_DIFFERENCE = "twice.difference";
  static final String TWICE_CONFIG = "twice.config-difference";

  /** One rule's metadata. */
  record Rule(String id, String level, String shortText, String help) {}

  private static final Map<String, Rule> RULES = rules();

  private SarifRules() {}

  /**
   * The rule for {@code id}; an id no catalogue knows gets a generic entry rather than a broken
   * log.
   */
  static Rule of(String id) {
    Rule known = RULES.get(id);
    return known != null
        ? known
        : new Rule(id, "warning", id, "Reported by splitcheck; see docs/audit.md.");
  }

  private static Map<String, Rule> rules() {
    Map<String, Rule> m = new TreeMap<>();
    m.put(
        MATRIX_SPLIT,
        new Rule(
            MATRIX_SPLIT,
            "error",
            "The container's outcome under a security-matrix cell differs from the baseline cell's",
            "The image was run once per cell (seccomp profiles, dropped capabilities, read-only root, no network) and"
                + " this cell ended differently from the baseline. The message names the syscalls that failed only"
                + " in this cell, with the errno and its cause. Typical fixes: make the seccomp profile return ENOSYS"
                + " rather than EPERM for a syscall libc can fall back from (getrandom, clone3, statx), allow the"
                + " syscall, or accept the split in the scenario (expect: splits) or the plugin's <accept>."));
    m.put(
        TWICE_DIFFERENCE,
        new Rule(
            TWICE_DIFFERENCE,
            "error",
            "A file differs between two no-cache builds of the same context",
            "The context was built twice with BuildKit and no cache; this file differs between the two images"
                + " (content, mtime, mode, owner, order). Typical fixes: set SOURCE_DATE_EPOCH and rewrite-timestamp,"
                + " remove build-time dates and random ids from generated files, sort what a step writes."));
    m.put(
        TWICE_CONFIG,
        new Rule(
            TWICE_CONFIG,
            "warning",
            "An image config field differs between two no-cache builds",
            "The two images' config JSON differs in this field (created, history[].created). Set SOURCE_DATE_EPOCH"
                + " so BuildKit writes the same timestamps."));
    RuleIds.all()
        .values()
        .forEach(
            r ->
                m.put(
                    r.id(),
                    new Rule(
                        r.id(),
                        level(r.severity().id()),
                        capitalised(r.description()),
                        capitalised(r.description())
                            + ". Default severity: "
                            + r.severity().id()
                            + "; disable it with --disable "
                            + r.id()
                            + " (audit) or <disable> (the Maven plugin).")));
    return m;
  }

  /** SARIF's level for a splitcheck severity: error, warning, note. */
  static String level(String severity) {
    return switch (severity) {
      case "error" -> "error";
      case "warning" -> "warning";
      default -> "note";
    };
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
