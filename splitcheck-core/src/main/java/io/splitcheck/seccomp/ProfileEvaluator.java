package io.splitcheck.seccomp;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The pure evaluator, for where libseccomp cannot be loaded (the libseccomp-backed {@code
 * io.splitcheck.seccomp.bpf.RuncFilterEvaluator} is the source of truth). It follows the same path
 * in the same order: moby's {@code setupSeccomp} keeps the rules whose {@code includes}/{@code
 * excludes} (capabilities, architecture, minimum kernel) fit the container ({@link RuncConfig});
 * runc skips rules whose action equals the default action and splits conditions that test one
 * argument twice into separate, ORed rules; libseccomp keeps the first unconditional rule for a
 * syscall over every conditional one, and orders conditional chains by argument, operator and value
 * ({@link ConditionalRules}); runc's -ENOSYS stub answers syscalls newer than every syscall the
 * profile names; a name that is no syscall on the architecture (in libseccomp 2.5.4's tables,
 * bundled) decides nothing there. An ERRNO action without {@code errnoRet}/{@code defaultErrnoRet}
 * returns EPERM, as runc does.
 */
public final class ProfileEvaluator {

  private ProfileEvaluator() {}

  /**
   * Arguments unknown: an applicable rule with argument conditions makes the decision {@code
   * conditional}.
   */
  public static Decision evaluate(
      SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch) {
    return evaluate(p, syscall, effectiveCaps, arch, null, null);
  }

  /**
   * With argument values: rules' argument conditions are evaluated (unsigned, as the kernel
   * compares).
   */
  public static Decision evaluate(
      SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch, long[] args) {
    return evaluate(p, syscall, effectiveCaps, arch, args, null);
  }

  /**
   * Full form. {@code args} null = unknown; {@code kernel} like {@code "5.10"}, null = assume a
   * kernel new enough for every {@code minKernel}.
   */
  public static Decision evaluate(
      SeccompProfile p,
      String syscall,
      Set<String> effectiveCaps,
      String arch,
      long[] args,
      String kernel) {
    String scmp = RuncConfig.scmpArch(arch);
    BundledSyscallTable table = BundledSyscallTable.get();
    if (table.covers(scmp) && table.number(syscall, scmp).isEmpty()) {
      return Decision.notASyscall(
          syscall, nativeArch(arch), BundledSyscallTable.VERSION + "'s table");
    }
    RuncConfig config = RuncConfig.of(p, effectiveCaps, arch, kernel);
    Decision stub = enosysStub(config, syscall, scmp, table);
    if (stub != null) {
      return stub;
    }
    ConditionalRules rules = ConditionalRules.of(config, syscall);
    Decision fallback =
        rules
            .unconditional()
            .map(ProfileEvaluator::callDecision)
            .orElseGet(
                () ->
                    decision(
                        p.defaultAction(),
                        p.defaultErrnoRet(),
                        Decision.DEFAULT + skipped(config, syscall)));
    if (rules.unconditional().isPresent()) {
      return fallback;
    }
    if (args != null) {
      return rules.firstMatch(args).map(ProfileEvaluator::callDecision).orElse(fallback);
    }
    List<ConditionalRules.Chain> inFileOrder =
        rules.chains().stream().sorted(Comparator.comparingInt(c -> c.call().rule())).toList();
    for (ConditionalRules.Chain c : inFileOrder) {
      Decision d = callDecision(c.call());
      if (!d.action().equals(fallback.action()) || !Objects.equals(d.errno(), fallback.errno())) {
        String when =
            inFileOrder.stream()
                .filter(o -> callDecision(o.call()).describe().equals(d.describe()))
                .map(
                    o ->
                        o.conditions().stream()
                            .map(ArgFilter::describe)
                            .collect(Collectors.joining(" && ")))
                .distinct()
                .collect(Collectors.joining(" || "));
        return new Decision(
            d.action(),
            d.errno(),
            d.errnoName(),
            Decision.CONDITIONAL
                + d.reason()
                + " only when "
                + when
                + "; otherwise "
                + fallback.describe()
                + " ("
                + fallback.reason()
                + ")");
      }
    }
    return fallback;
  }

  /**
   * The decision for calls whose arguments match none of the applicable argument-conditional rules.
   */
  public static Decision unconditional(
      SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch) {
    RuncConfig config = RuncConfig.of(p, effectiveCaps, arch, null);
    return ConditionalRules.of(config, syscall)
        .unconditional()
        .map(ProfileEvaluator::callDecision)
        .orElseGet(() -> decision(p.defaultAction(), p.defaultErrnoRet(), Decision.DEFAULT));
  }

  /** Rules runc skips because their action is the default action, named so a reader finds them. */
  private static String skipped(RuncConfig config, String syscall) {
    long def = config.defaultActionValue();
    return config.syscalls().stream()
        .filter(c -> c.name().equals(syscall) && c.actionValue() == def)
        .map(
            c ->
                "(rule syscalls["
                    + c.rule()
                    + "]"
                    + (c.comment().isEmpty() ? "" : " (\"" + c.comment() + "\")")
                    + " has the default action, so runc skips it) ")
        .findFirst()
        .orElse("");
  }

  /**
   * runc's stub: ENOSYS for a syscall numbered above every syscall the configuration names on the
   * arch.
   */
  private static Decision enosysStub(
      RuncConfig config, String syscall, String scmp, SyscallTable table) {
    if (!config.enosysStub() || !BundledSyscallTable.get().covers(scmp)) {
      return null;
    }
    OptionalInt nr = table.number(syscall, scmp);
    OptionalInt last = config.lastSyscall(table, scmp, scmp);
    if (nr.isEmpty() || last.isEmpty() || nr.getAsInt() <= last.getAsInt()) {
      return null;
    }
    return new Decision(
        SeccompActions.ERRNO,
        Errnos.ENOSYS,
        "ENOSYS",
        "runc's -ENOSYS stub (syscall "
            + nr.getAsInt()
            + " is newer than every syscall the profile names, the last being "
            + last.getAsInt()
            + "): "
            + SeccompActions.ERRNO
            + " (ENOSYS)");
  }

  /**
   * moby's filter: any excluded arch/cap/kernel drops the rule; every included one must be present.
   */
  static boolean applies(SyscallRule rule, Set<String> caps, String arch, String kernel) {
    RuleFilter ex = rule.excludes();
    RuleFilter in = rule.includes();
    if (ex.arches().contains(arch)
        || ex.caps().stream().anyMatch(c -> caps.contains(normalizeCap(c)))) {
      return false;
    }
    if (ex.minKernel() != null && kernelAtLeast(kernel, ex.minKernel())) {
      return false;
    }
    if (!in.arches().isEmpty() && !in.arches().contains(arch)) {
      return false;
    }
    if (!in.caps().stream().allMatch(c -> caps.contains(normalizeCap(c)))) {
      return false;
    }
    return in.minKernel() == null || kernelAtLeast(kernel, in.minKernel());
  }

  private static boolean kernelAtLeast(String kernel, String min) {
    if (kernel == null) {
      return true;
    }
    int[] k = version(kernel);
    int[] m = version(min);
    return k[0] != m[0] ? k[0] > m[0] : k[1] >= m[1];
  }

  private static int[] version(String v) {
    String[] parts = v.split("[.-]");
    try {
      return new int[] {
        Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Error parsing kernel version '" + v + "': expected <kernel>.<major>");
    }
  }

  private static Decision callDecision(RuncConfig.Call c) {
    String comment = c.comment().isEmpty() ? "" : " (\"" + c.comment() + "\")";
    return decision(c.action(), c.errnoRet(), "rule syscalls[" + c.rule() + "]" + comment + ": ");
  }

  private static Decision decision(String action, Integer errnoRet, String label) {
    Integer errno =
        action.equals(SeccompActions.ERRNO) ? (errnoRet == null ? Errnos.EPERM : errnoRet) : null;
    String name = errno == null ? null : Errnos.nameOrNumber(errno);
    return new Decision(
        action, errno, name, label + action + (name == null ? "" : " (" + name + ")"));
  }

  /**
   * libseccomp/moby native arch name: {@code x86_64} and {@code SCMP_ARCH_X86_64} become {@code
   * amd64}.
   */
  public static String nativeArch(String arch) {
    String a = arch.toLowerCase(Locale.ROOT).replace("scmp_arch_", "");
    return switch (a) {
      case "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      case "i386", "i686", "386" -> "x86";
      default -> a;
    };
  }

  /** {@code chown} and {@code cap_chown} become {@code CAP_CHOWN}. */
  public static String normalizeCap(String cap) {
    String c = cap.toUpperCase(Locale.ROOT);
    return c.startsWith("CAP_") ? c : "CAP_" + c;
  }

  static Set<String> normalizeCaps(Set<String> caps) {
    Set<String> result = new TreeSet<>();
    caps.forEach(c -> result.add(normalizeCap(c)));
    return result;
  }
}
