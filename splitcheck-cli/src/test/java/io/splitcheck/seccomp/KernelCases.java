package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calls the kernel comparison asks about: every syscall with all-zero arguments, and for every
 * syscall a rule tests, argument values at, just beside and above 32 bits of each condition's
 * value, each rule's conditions all satisfied, and every pair of rules' conditions satisfied
 * together (where overlaps decide).
 */
final class KernelCases {

  private KernelCases() {}

  static List<KernelProbe.Case> forNames(RuncConfig config, Map<String, Integer> syscalls) {
    List<KernelProbe.Case> cases = new ArrayList<>();
    for (Map.Entry<String, Integer> s : syscalls.entrySet()) {
      List<RuncConfig.Call> calls =
          config.syscalls().stream()
              .filter(c -> c.name().equals(s.getKey()) && !c.args().isEmpty())
              .toList();
      for (long[] args : vectors(calls)) {
        cases.add(new KernelProbe.Case(s.getKey(), s.getValue(), args));
      }
    }
    return cases;
  }

  /**
   * Numbers no x86_64 name has, above the table, and x32 numbers: compared at the interpreter level
   * only. Not 335 and 336: on kernels from 6.15/6.16 x86_64's uretprobe and uprobe syscalls bypass
   * seccomp altogether (outside their trampolines they raise SIGILL / return ENXIO), whatever the
   * filter says.
   */
  static List<KernelProbe.Case> rawNumbers() {
    List<KernelProbe.Case> cases = new ArrayList<>();
    for (int nr : new int[] {337, 400, 423, 451, 452, 460, 461, 499, 500, 1000, 4095}) {
      cases.add(new KernelProbe.Case("nr " + nr, nr, new long[6]));
    }
    for (int nr : new int[] {0, 1, 59, 334, 435, 439, 512, 547}) {
      cases.add(new KernelProbe.Case("x32 " + nr, 0x40000000 | nr, new long[6]));
    }
    return cases;
  }

  private static List<long[]> vectors(List<RuncConfig.Call> calls) {
    Set<List<Long>> result = new LinkedHashSet<>();
    result.add(List.of(0L, 0L, 0L, 0L, 0L, 0L));
    for (RuncConfig.Call c : calls) {
      for (ArgFilter f : c.args()) {
        for (long v : values(f)) {
          result.add(with(zero(), f.index(), v));
        }
      }
      result.add(satisfying(zero(), c.args()));
      for (RuncConfig.Call d : calls) {
        result.add(satisfying(satisfying(zero(), c.args()), d.args()));
      }
    }
    return result.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray()).toList();
  }

  private static List<Long> values(ArgFilter f) {
    long v = f.value();
    return List.of(v, v + 1, v - 1, v + (1L << 32), f.valueTwo(), v | f.valueTwo(), ~v, 0L, -1L);
  }

  private static List<Long> satisfying(List<Long> base, List<ArgFilter> conditions) {
    List<Long> r = base;
    for (ArgFilter f : conditions) {
      r =
          with(
              r,
              f.index(),
              switch (f.op()) {
                case "SCMP_CMP_GT", "SCMP_CMP_NE" -> f.value() + 1;
                case "SCMP_CMP_LT" -> f.value() - 1;
                case "SCMP_CMP_MASKED_EQ" -> f.valueTwo();
                default -> f.value();
              });
    }
    return r;
  }

  private static List<Long> zero() {
    return List.of(0L, 0L, 0L, 0L, 0L, 0L);
  }

  private static List<Long> with(List<Long> base, int index, long value) {
    List<Long> r = new ArrayList<>(base);
    r.set(index, value);
    return List.copyOf(r);
  }
}
