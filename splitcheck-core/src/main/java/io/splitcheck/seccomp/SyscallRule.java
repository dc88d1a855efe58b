package io.splitcheck.seccomp;

import java.util.List;
import java.util.Objects;

/**
 * One {@code syscalls[]} entry. A single {@code name} in the JSON is read as a one-element {@code
 * names}.
 *
 * @param errnoRet errno for {@code SCMP_ACT_ERRNO} (null: the runtime uses EPERM)
 * @param args argument conditions, all of which must hold (empty: unconditional)
 * @param errno containers-common's symbolic {@code errno} ({@code "ENOSYS"}), or null; Podman
 *     prefers it over {@code errnoRet}, moby ignores it (see {@link EngineCompat})
 */
public record SyscallRule(
    List<String> names,
    String action,
    Integer errnoRet,
    List<ArgFilter> args,
    String comment,
    RuleFilter includes,
    RuleFilter excludes,
    String errno) {

  /** A rule without containers-common's {@code errno} name. */
  public SyscallRule(
      List<String> names,
      String action,
      Integer errnoRet,
      List<ArgFilter> args,
      String comment,
      RuleFilter includes,
      RuleFilter excludes) {
    this(names, action, errnoRet, args, comment, includes, excludes, null);
  }

  public SyscallRule {
    names = List.copyOf(names);
    Objects.requireNonNull(action, "action");
    args = List.copyOf(args);
    comment = comment == null ? "" : comment;
    includes = includes == null ? RuleFilter.EMPTY : includes;
    excludes = excludes == null ? RuleFilter.EMPTY : excludes;
  }

  /** An unconditional rule without includes/excludes. */
  public static SyscallRule of(
      List<String> names, String action, Integer errnoRet, String comment) {
    return new SyscallRule(
        names, action, errnoRet, List.of(), comment, RuleFilter.EMPTY, RuleFilter.EMPTY);
  }

  /** True when the rule has argument conditions. */
  public boolean conditional() {
    return !args.isEmpty();
  }

  /**
   * This rule with {@code errnoRet} replaced and the {@code errno} name dropped (what an engine
   * resolved).
   */
  public SyscallRule withErrnoRet(Integer newErrnoRet) {
    return new SyscallRule(names, action, newErrnoRet, args, comment, includes, excludes, null);
  }

  public SyscallRule withNames(List<String> newNames) {
    return new SyscallRule(newNames, action, errnoRet, args, comment, includes, excludes, errno);
  }
}
