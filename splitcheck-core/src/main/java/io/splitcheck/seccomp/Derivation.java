package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A change to a seccomp profile, written as comma-separated items (see docs/seccomp.md):
 *
 * <pre>
 *   NAME=ERRNO    the syscall fails with that errno (EPERM, ENOSYS, ... or a number 0..4095)
 *   NAME=ACTION   kill (SCMP_ACT_KILL_PROCESS), kill_thread, trap, log, allow
 *   -NAME         the syscall is removed from every rule, so the default action applies
 *   +NAME         the syscall is allowed
 * </pre>
 *
 * Applying removes every named syscall from the base's rules, then appends one rule per (action,
 * errno), names sorted, in a stable order; the result is deterministic.
 */
public final class Derivation {

  /** One item; {@code action} null means "removed: default action". */
  public record Item(String name, String action, Integer errno) {

    public String render() {
      if (action == null) {
        return "-" + name;
      }
      if (action.equals(SeccompActions.ERRNO)) {
        return name + "=" + Errnos.nameOrNumber(errno).replace("errno ", "");
      }
      if (action.equals(SeccompActions.ALLOW)) {
        return "+" + name;
      }
      return name
          + "="
          + WORDS.entrySet().stream()
              .filter(e -> e.getValue().equals(action))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
    }
  }

  static final Map<String, String> WORDS =
      Map.of(
          "kill",
          SeccompActions.KILL_PROCESS,
          "kill_thread",
          SeccompActions.KILL_THREAD,
          "trap",
          SeccompActions.TRAP,
          "log",
          SeccompActions.LOG,
          "allow",
          SeccompActions.ALLOW);
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
  private static final Pattern ITEM = Pattern.compile("([+-])?([^=\\s]+)(?:\\s*=\\s*(\\S+))?");
  static final String FORMS =
      "NAME=ERRNO (symbolic like EPERM or ENOSYS, or a number 0..4095), "
          + "NAME=kill|kill_thread|trap|log|allow, -NAME or +NAME, separated by commas";

  private final List<Item> items;

  private Derivation(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /** Parses an expression like {@code getrandom=EPERM,clone3=ENOSYS,-io_uring_setup}. */
  public static Derivation parse(String expr) {
    Objects.requireNonNull(expr, "expr");
    List<Item> items = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (String raw : expr.split(",", -1)) {
      Item item = item(expr, raw.strip());
      if (!seen.add(item.name())) {
        throw fail(
            expr,
            "item '" + raw.strip() + "' names " + item.name() + " a second time",
            "each syscall once");
      }
      items.add(item);
    }
    items.sort(Comparator.comparing(Item::name));
    return new Derivation(items);
  }

  private static Item item(String expr, String raw) {
    Matcher m = ITEM.matcher(raw);
    if (raw.isEmpty() || !m.matches()) {
      throw fail(
          expr,
          raw.isEmpty() ? "empty item" : "item '" + raw + "' is not a derivation item",
          FORMS);
    }
    if (m.group(1) != null && m.group(3) != null) {
      throw fail(expr, "item '" + raw + "' has both a +/- prefix and a value", FORMS);
    }
    String name = m.group(2);
    if (!NAME.matcher(name).matches()) {
      throw fail(
          expr,
          "item '" + raw + "' has invalid syscall name '" + name + "'",
          "a lowercase syscall name like getrandom, then " + FORMS);
    }
    if (m.group(3) == null) {
      if (m.group(1) == null) {
        throw fail(expr, "item '" + raw + "' has no action", FORMS);
      }
      return new Item(name, m.group(1).equals("+") ? SeccompActions.ALLOW : null, null);
    }
    return valued(expr, raw, name, m.group(3));
  }

  private static Item valued(String expr, String raw, String name, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (WORDS.containsKey(lower)) {
      return new Item(name, WORDS.get(lower), null);
    }
    Integer errno;
    if (value.matches("\\d{1,4}")) {
      errno = Integer.parseInt(value);
    } else {
      errno = Errnos.number(value.toUpperCase(Locale.ROOT)).orElse(null);
    }
    if (errno == null || errno > 4095) {
      throw fail(expr, "item '" + raw + "' has unknown errno or action '" + value + "'", FORMS);
    }
    return new Item(name, SeccompActions.ERRNO, errno);
  }

  private static IllegalArgumentException fail(String expr, String what, String expected) {
    return new IllegalArgumentException(
        "Error parsing derivation '" + expr + "': " + what + ", expected " + expected);
  }

  /** Items sorted by syscall name. */
  public List<Item> items() {
    return items;
  }

  /** Syscall names this derivation changes, sorted. */
  public Set<String> names() {
    return items.stream().map(Item::name).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Combines two derivations; an item of {@code other} replaces one of this for the same syscall.
   */
  public Derivation plus(Derivation other) {
    Map<String, Item> merged = new TreeMap<>();
    items.forEach(i -> merged.put(i.name(), i));
    other.items.forEach(i -> merged.put(i.name(), i));
    return new Derivation(new ArrayList<>(merged.values()));
  }

  /** The derived profile (deterministic). */
  public SeccompProfile apply(SeccompProfile base) {
    Set<String> names = names();
    List<SyscallRule> rules = new ArrayList<>();
    for (SyscallRule rule : base.rules()) {
      List<String> kept = rule.names().stream().filter(n -> !names.contains(n)).toList();
      if (!kept.isEmpty()) {
        rules.add(kept.size() == rule.names().size() ? rule : rule.withNames(kept));
      }
    }
    Map<String, List<String>> groups = new TreeMap<>();
    for (Item item : items) {
      if (item.action() != null) {
        String key =
            item.action() + "/" + (item.errno() == null ? "" : String.format("%04d", item.errno()));
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item.name());
      }
    }
    for (List<String> group : groups.values()) {
      Item first =
          items.stream().filter(i -> i.name().equals(group.get(0))).findFirst().orElseThrow();
      rules.add(SyscallRule.of(group, first.action(), first.errno(), "splitcheck derive: " + this));
    }
    return base.withRules(rules);
  }

  /** Canonical text: items sorted by name, comma-separated. */
  @Override
  public String toString() {
    return items.stream().map(Item::render).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Derivation d && items.equals(d.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }
}
