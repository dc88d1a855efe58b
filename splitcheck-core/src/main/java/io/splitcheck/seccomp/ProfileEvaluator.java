package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what a profile does with a syscall the way moby's {@code setupSeccomp} and runc build the filter:
 * rules whose {@code includes}/{@code excludes} (capabilities, architecture, minimum kernel) do not fit the
 * container are dropped, then the remaining rules naming the syscall decide; a rule with argument conditions
 * wins over an unconditional one when its conditions hold; no rule means the default action. An ERRNO action
 * without {@code errnoRet}/{@code defaultErrnoRet} returns EPERM, as runc does.
 */
public final class ProfileEvaluator {

    private record Applicable(int index, SyscallRule rule) {
    }

    private ProfileEvaluator() {
    }

    /** Arguments unknown: an applicable rule with argument conditions makes the decision {@code conditional}. */
    public static Decision evaluate(SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch) {
        return evaluate(p, syscall, effectiveCaps, arch, null, null);
    }

    /** With argument values: rules' argument conditions are evaluated (unsigned, all must hold). */
    public static Decision evaluate(SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch,
            long[] args) {
        return evaluate(p, syscall, effectiveCaps, arch, args, null);
    }

    /**
     * Full form. {@code args} null = unknown; {@code kernel} like {@code "5.10"}, null = assume a kernel new
     * enough for every {@code minKernel}.
     */
    public static Decision evaluate(SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch,
            long[] args, String kernel) {
        List<Applicable> applicable = applicable(p, syscall, normalizeCaps(effectiveCaps), nativeArch(arch), kernel);
        Decision fallback = fallback(p, applicable);
        List<Applicable> conditional = applicable.stream().filter(a -> a.rule().conditional()).toList();
        if (args != null) {
            for (Applicable c : conditional) {
                if (c.rule().args().stream().allMatch(f -> f.index() < args.length && f.matches(args[f.index()]))) {
                    return ruleDecision(c);
                }
            }
            return fallback;
        }
        for (Applicable c : conditional) {
            Decision d = ruleDecision(c);
            if (!d.action().equals(fallback.action()) || !Objects.equals(d.errno(), fallback.errno())) {
                String when = c.rule().args().stream().map(ArgFilter::describe).collect(Collectors.joining(" && "));
                return new Decision(d.action(), d.errno(), d.errnoName(),
                        Decision.CONDITIONAL + d.reason() + " only when " + when + "; otherwise " + fallback.describe()
                                + " (" + fallback.reason() + ")");
            }
        }
        return fallback;
    }

    /** The decision for calls whose arguments match none of the applicable argument-conditional rules. */
    public static Decision unconditional(SeccompProfile p, String syscall, Set<String> effectiveCaps, String arch) {
        return fallback(p, applicable(p, syscall, normalizeCaps(effectiveCaps), nativeArch(arch), null));
    }

    private static Decision fallback(SeccompProfile p, List<Applicable> applicable) {
        return applicable.stream().filter(a -> !a.rule().conditional()).findFirst()
                .map(a -> ruleDecision(a))
                .orElseGet(() -> decision(p.defaultAction(), p.defaultErrnoRet(), Decision.DEFAULT));
    }

    private static List<Applicable> applicable(SeccompProfile p, String syscall, Set<String> caps, String arch,
            String kernel) {
        List<Applicable> result = new ArrayList<>();
        for (int i = 0; i < p.rules().size(); i++) {
            SyscallRule rule = p.rules().get(i);
            if (rule.names().contains(syscall) && applies(rule, caps, arch, kernel)) {
                result.add(new Applicable(i, rule));
            }
        }
        return result;
    }

    /** moby's filter: any excluded arch/cap/kernel drops the rule; every included one must be present. */
    static boolean applies(SyscallRule rule, Set<String> caps, String arch, String kernel) {
        RuleFilter ex = rule.excludes();
        RuleFilter in = rule.includes();
        if (ex.arches().contains(arch) || ex.caps().stream().anyMatch(c -> caps.contains(normalizeCap(c)))) {
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
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error parsing kernel version '" + v + "': expected <kernel>.<major>");
        }
    }

    private static Decision ruleDecision(Applicable a) {
        SyscallRule r = a.rule();
        String comment = r.comment().isEmpty() ? "" : " (\"" + r.comment() + "\")";
        return decision(r.action(), r.errnoRet(), "rule syscalls[" + a.index() + "]" + comment + ": ");
    }

    private static Decision decision(String action, Integer errnoRet, String label) {
        Integer errno = action.equals(SeccompActions.ERRNO) ? (errnoRet == null ? Errnos.EPERM : errnoRet) : null;
        String name = errno == null ? null : Errnos.nameOrNumber(errno);
        return new Decision(action, errno, name, label + action + (name == null ? "" : " (" + name + ")"));
    }

    /** libseccomp/moby native arch name: {@code x86_64} and {@code SCMP_ARCH_X86_64} become {@code amd64}. */
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
