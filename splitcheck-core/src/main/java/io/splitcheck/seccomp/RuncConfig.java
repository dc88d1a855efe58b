package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The seccomp configuration runc receives for one container: moby's {@code setupSeccomp} applied to
 * a profile (rules kept or dropped by {@code includes}/{@code excludes}, the native architecture's
 * {@code archMap} entry as {@code architectures}) and runc's {@code specconv} (one entry per
 * syscall name, in profile order). This is what runc's {@code InitSeccomp} hands libseccomp, rule
 * by rule.
 *
 * @param architectures {@code SCMP_ARCH_*} names; empty: libseccomp's native architecture only
 */
public record RuncConfig(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<Call> syscalls) {

  /** libseccomp's {@code SCMP_ACT_*} values, as runc's {@code getAction} builds them. */
  public static final long ACT_KILL_PROCESS = 0x80000000L;

  public static final long ACT_KILL_THREAD = 0x00000000L;
  public static final long ACT_TRAP = 0x00030000L;
  public static final long ACT_ERRNO = 0x00050000L;
  public static final long ACT_NOTIFY = 0x7fc00000L;
  public static final long ACT_TRACE = 0x7ff00000L;
  public static final long ACT_LOG = 0x7ffc0000L;
  public static final long ACT_ALLOW = 0x7fff0000L;

  /**
   * One {@code configs.Syscall}: a single name; {@code rule} is the index of the profile rule it
   * came from.
   */
  public record Call(
      String name,
      String action,
      Integer errnoRet,
      List<ArgFilter> args,
      int rule,
      String comment) {
    public Call {
      args = List.copyOf(args);
    }

    /** libseccomp's action value for this rule. */
    public long actionValue() {
      return RuncConfig.actionValue(action, errnoRet);
    }

    /**
     * runc's {@code matchCall}: when two conditions test the same argument, every condition becomes
     * a rule of its own (so they are ORed); otherwise all conditions form one rule (ANDed). Empty:
     * unconditional.
     */
    public List<List<ArgFilter>> conditionGroups() {
      if (args.isEmpty()) {
        return List.of(List.of());
      }
      boolean repeated = args.stream().map(ArgFilter::index).distinct().count() < args.size();
      return repeated ? args.stream().map(List::of).toList() : List.of(args);
    }
  }

  public RuncConfig {
    architectures = List.copyOf(architectures);
    syscalls = List.copyOf(syscalls);
  }

  /**
   * The configuration for a container with effective capabilities {@code caps} on {@code arch}
   * ({@code amd64}, {@code x86_64}, ...) and {@code kernel} ({@code "6.1"}, null: new enough for
   * every {@code minKernel}).
   */
  public static RuncConfig of(SeccompProfile p, Set<String> caps, String arch, String kernel) {
    String nativeArch = ProfileEvaluator.nativeArch(arch);
    Set<String> normalized = ProfileEvaluator.normalizeCaps(caps);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < p.rules().size(); i++) {
      SyscallRule r = p.rules().get(i);
      if (ProfileEvaluator.applies(r, normalized, nativeArch, kernel)) {
        for (String name : r.names()) {
          calls.add(new Call(name, r.action(), r.errnoRet(), r.args(), i, r.comment()));
        }
      }
    }
    return new RuncConfig(
        p.defaultAction(), p.defaultErrnoRet(), architectures(p, nativeArch), calls);
  }

  private static List<String> architectures(SeccompProfile p, String nativeArch) {
    if (!p.architectures().isEmpty()) {
      return p.architectures();
    }
    String scmp = scmpArch(nativeArch);
    List<String> result = new ArrayList<>();
    p.archMap().stream()
        .filter(m -> m.architecture().equals(scmp))
        .findFirst()
        .ifPresent(
            m -> {
              result.add(m.architecture());
              result.addAll(m.subArchitectures());
            });
    return result;
  }

  /** {@code amd64} becomes {@code SCMP_ARCH_X86_64}, {@code arm64} {@code SCMP_ARCH_AARCH64}. */
  public static String scmpArch(String arch) {
    String a = ProfileEvaluator.nativeArch(arch);
    return "SCMP_ARCH_"
        + switch (a) {
          case "amd64" -> "X86_64";
          case "arm64" -> "AARCH64";
          default -> a.toUpperCase(Locale.ROOT);
        };
  }

  /**
   * runc's {@code getAction}: SCMP_ACT_KILL is KILL_THREAD; ERRNO and TRACE carry errnoRet, else
   * EPERM.
   */
  public static long actionValue(String action, Integer errnoRet) {
    long errno = (errnoRet == null ? Errnos.EPERM : errnoRet) & 0xffffL;
    return switch (action) {
      case SeccompActions.KILL, SeccompActions.KILL_THREAD -> ACT_KILL_THREAD;
      case SeccompActions.KILL_PROCESS -> ACT_KILL_PROCESS;
      case SeccompActions.TRAP -> ACT_TRAP;
      case SeccompActions.ERRNO -> ACT_ERRNO | errno;
      case SeccompActions.TRACE -> ACT_TRACE | errno;
      case SeccompActions.LOG -> ACT_LOG;
      case SeccompActions.NOTIFY -> ACT_NOTIFY;
      case SeccompActions.ALLOW -> ACT_ALLOW;
      default -> throw new IllegalArgumentException("not a seccomp action: " + action);
    };
  }

  /**
   * runc's {@code findLastSyscalls} for one architecture: the largest number, on {@code scmpArch},
   * of any name in the configuration (whatever its action); empty when the architecture is not in
   * the filter or no name resolves there (runc then adds no stub section for it).
   */
  public OptionalInt lastSyscall(SyscallTable table, String scmpArch, String nativeArch) {
    boolean listed =
        architectures.stream()
            .anyMatch(
                a ->
                    a.equals(scmpArch)
                        || a.equals("SCMP_ARCH_NATIVE") && scmpArch.equals(nativeArch));
    if (!listed) {
      return OptionalInt.empty();
    }
    int largest = 0;
    for (Call call : syscalls) {
      OptionalInt nr = table.number(call.name(), scmpArch);
      if (nr.isPresent() && nr.getAsInt() > largest) {
        largest = nr.getAsInt();
      }
    }
    return largest == 0 ? OptionalInt.empty() : OptionalInt.of(largest);
  }

  public long defaultActionValue() {
    return actionValue(defaultAction, defaultErrnoRet);
  }

  /**
   * Whether runc 1.1 prepends its -ENOSYS stub ({@code patchbpf.generatePatch}): not when the
   * default action already returns ENOSYS, nor when it lets calls through (ALLOW, LOG, TRACE).
   */
  public boolean enosysStub() {
    if (defaultErrnoRet != null && defaultErrnoRet == Errnos.ENOSYS) {
      return false;
    }
    return !(defaultAction.equals(SeccompActions.ALLOW)
        || defaultAction.equals(SeccompActions.LOG)
        || defaultAction.equals(SeccompActions.TRACE));
  }
}
