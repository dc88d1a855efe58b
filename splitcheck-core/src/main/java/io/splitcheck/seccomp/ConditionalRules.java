package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules libseccomp is left with for one syscall once runc has added them: runc skips rules
 * whose action is the default action; the first unconditional rule wins over everything ({@code
 * db_rule_add}: an unconditional rule clears the conditional chains before it and makes later rules
 * redundant); conditional rules become chains, one per runc rule (conditions on one argument twice
 * are split into one-condition rules), each chain's conditions ordered by argument. Chains are
 * tried in libseccomp's level order: {@code _db_tree_add} inserts a node before the first node that
 * is "less" ({@code _db_chain_lt}: argument, then operator class GE/GT &lt; LE/LT &lt;
 * EQ/NE/MASKED_EQ, then value, inverted for LE/LT), so a level is tested greatest first — the
 * highest argument, EQ before LE before GE, as the kernel comparison shows; a chain that is a
 * prefix of another goes first, so the shorter chain wins as {@code _db_tree_add} makes it win.
 */
final class ConditionalRules {

  /** One chain: all of {@code conditions} must hold for {@code call}'s action. */
  record Chain(RuncConfig.Call call, List<ArgFilter> conditions) {
    boolean matches(long[] args) {
      return conditions.stream()
          .allMatch(f -> f.index() < args.length && f.matches(args[f.index()]));
    }
  }

  private static final Comparator<ArgFilter> NODE =
      Comparator.comparingInt(ArgFilter::index)
          .thenComparingInt(ConditionalRules::opPriority)
          .thenComparing(
              (a, b) ->
                  a.op().equals("SCMP_CMP_LE") || a.op().equals("SCMP_CMP_LT")
                      ? Long.compareUnsigned(b.value(), a.value())
                      : Long.compareUnsigned(a.value(), b.value()));
  private static final Comparator<Chain> CHAIN =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.conditions().size(), b.conditions().size()); i++) {
          int c = NODE.compare(b.conditions().get(i), a.conditions().get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.conditions().size(), b.conditions().size());
      };

  private final Optional<RuncConfig.Call> unconditional;
  private final List<Chain> chains;

  private ConditionalRules(Optional<RuncConfig.Call> unconditional, List<Chain> chains) {
    this.unconditional = unconditional;
    this.chains = List.copyOf(chains);
  }

  static ConditionalRules of(RuncConfig config, String syscall) {
    long def = config.defaultActionValue();
    List<RuncConfig.Call> calls =
        config.syscalls().stream()
            .filter(c -> c.name().equals(syscall) && c.actionValue() != def)
            .toList();
    Optional<RuncConfig.Call> unconditional =
        calls.stream().filter(c -> c.args().isEmpty()).findFirst();
    List<Chain> chains = new ArrayList<>();
    for (RuncConfig.Call c : calls) {
      if (!c.args().isEmpty()) {
        for (List<ArgFilter> group : c.conditionGroups()) {
          chains.add(
              new Chain(
                  c, group.stream().sorted(Comparator.comparingInt(ArgFilter::index)).toList()));
        }
      }
    }
    chains.sort(CHAIN);
    return new ConditionalRules(unconditional, chains);
  }

  Optional<RuncConfig.Call> unconditional() {
    return unconditional;
  }

  List<Chain> chains() {
    return chains;
  }

  Optional<RuncConfig.Call> firstMatch(long[] args) {
    return chains.stream().filter(c -> c.matches(args)).findFirst().map(Chain::call);
  }

  private static int opPriority(ArgFilter f) {
    return switch (f.op()) {
      case "SCMP_CMP_GE", "SCMP_CMP_GT" -> 1;
      case "SCMP_CMP_LE", "SCMP_CMP_LT" -> 2;
      default -> 3;
    };
  }
}
