package io.splitcheck.seccomp.bpf;

import io.splitcheck.seccomp.ArgFilter;
import io.splitcheck.seccomp.Decision;
import io.splitcheck.seccomp.ProfileEvaluator;
import io.splitcheck.seccomp.RuncConfig;
import io.splitcheck.seccomp.SeccompProfile;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision the kernel makes: the profile becomes runc's configuration ({@link RuncConfig}),
 * libseccomp builds its filter ({@link FilterCompiler}), runc's -ENOSYS stub goes in front ({@link
 * EnosysStub}), and the program runs in {@link BpfInterpreter} over the call's {@code
 * seccomp_data}. The reason names the rule (or stub, or default) that the filter's answer comes
 * from. Architectures other than the compiler's native one, and calls whose arguments are unknown
 * while rules test them, are answered by the pure {@link ProfileEvaluator}.
 */
public final class RuncFilterEvaluator {

  /** The loaded program of one configuration and runc's per-arch limits for the stub. */
  public record Filter(BpfProgram program, Map<Long, Map<String, Integer>> lastSyscalls) {}

  private final FilterCompiler compiler;
  private final Map<RuncConfig, Filter> cache = new ConcurrentHashMap<>();

  public RuncFilterEvaluator(FilterCompiler compiler) {
    this.compiler = compiler;
  }

  /** The full program runc loads for {@code config}: stub, then libseccomp's filter. */
  public Filter filter(RuncConfig config) {
    return cache.computeIfAbsent(
        config,
        c ->
            new Filter(
                compiler
                    .compile(c)
                    .prepend(EnosysStub.generate(c, compiler, compiler.nativeArch())),
                c.enosysStub()
                    ? EnosysStub.lastSyscalls(c, compiler, compiler.nativeArch())
                    : Map.of()));
  }

  /**
   * Same parameters as {@link ProfileEvaluator#evaluate(SeccompProfile, String, Set, String,
   * long[], String)}.
   */
  public Decision evaluate(
      SeccompProfile p, String syscall, Set<String> caps, String arch, long[] args, String kernel) {
    String scmp = RuncConfig.scmpArch(arch);
    if (!scmp.equals(compiler.nativeArch())) {
      return ProfileEvaluator.evaluate(p, syscall, caps, arch, args, kernel);
    }
    OptionalInt nr = compiler.number(syscall, scmp);
    if (nr.isEmpty()) {
      return Decision.notASyscall(syscall, ProfileEvaluator.nativeArch(arch), compiler.describe());
    }
    RuncConfig config = RuncConfig.of(p, caps, arch, kernel);
    List<RuncConfig.Call> calls =
        config.syscalls().stream()
            .filter(c -> c.name().equals(syscall))
            .filter(c -> c.actionValue() != config.defaultActionValue())
            .toList();
    if (args == null
        && calls.stream().anyMatch(c -> !c.args().isEmpty())
        && calls.stream().allMatch(c -> !c.args().isEmpty())) {
      return ProfileEvaluator.evaluate(p, syscall, caps, arch, null, kernel);
    }
    Filter filter = filter(config);
    long ret =
        BpfInterpreter.run(filter.program(), new SeccompData(nr.getAsInt(), audit(scmp), 0, args));
    return SeccompReturn.decision(
        ret, reason(config, filter, calls, nr.getAsInt(), scmp, args, ret));
  }

  private String reason(
      RuncConfig config,
      Filter filter,
      List<RuncConfig.Call> calls,
      int nr,
      String scmp,
      long[] args,
      long ret) {
    String by = compiler.describe() + " filter as runc builds it: ";
    Integer largest = filter.lastSyscalls().getOrDefault(audit(scmp), Map.of()).get(scmp);
    if (largest != null && nr > largest && ret == EnosysStub.RET_ERRNO_ENOSYS) {
      return by
          + "runc's -ENOSYS stub (syscall "
          + nr
          + " is newer than every syscall the profile names, the"
          + " last being "
          + largest
          + "): ";
    }
    for (RuncConfig.Call c : calls) {
      if (c.actionValue() == ret && (c.args().isEmpty() || args != null && matches(c, args))) {
        String comment = c.comment().isEmpty() ? "" : " (\"" + c.comment() + "\")";
        return by + "rule syscalls[" + c.rule() + "]" + comment + ": ";
      }
    }
    return calls.isEmpty() ? Decision.DEFAULT + "(" + by.strip() + ") " : by;
  }

  private static boolean matches(RuncConfig.Call c, long[] args) {
    return c.conditionGroups().stream()
        .anyMatch(
            g ->
                g.stream()
                    .allMatch(
                        (ArgFilter f) -> f.index() < args.length && f.matches(args[f.index()])));
  }

  static long audit(String scmp) {
    return switch (scmp) {
      case "SCMP_ARCH_X86_64" -> SeccompData.AUDIT_ARCH_X86_64;
      case "SCMP_ARCH_AARCH64" -> SeccompData.AUDIT_ARCH_AARCH64;
      case "SCMP_ARCH_X86" -> SeccompData.AUDIT_ARCH_I386;
      default -> throw new IllegalArgumentException("no AUDIT_ARCH known for " + scmp);
    };
  }
}
