package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.libseccomp.LibseccompFilterCompiler;
import io.splitcheck.seccomp.bpf.BpfInterpreter;
import io.splitcheck.seccomp.bpf.RuncFilterEvaluator;
import io.splitcheck.seccomp.bpf.SeccompData;
import io.splitcheck.seccomp.bpf.SeccompReturn;
import io.splitcheck.testing.StaticPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads each profile's filter, as runc 1.1 builds it with the host's libseccomp, into the real
 * kernel (fixtures/programs/seccomp-probe) and compares the kernel's answer for every x86_64
 * syscall, with argument values at and around every condition the profile sets, with the
 * evaluators' answers: the libseccomp-backed {@link RuncFilterEvaluator} (the source of truth) and
 * the pure {@link ProfileEvaluator} (the fallback). Counts go to stdout and
 * target/seccomp-kernel-comparison.txt. Needs libseccomp, gcc and a kernel with seccomp and ptrace,
 * no engine; without them it is skipped, or fails under SPLITCHECK_REQUIRE_ENGINE=1.
 */
class SeccompKernelIT {

  private static final String X86_64 = "SCMP_ARCH_X86_64";
  private static final Set<String> CAPS = CellRestrictions.DOCKER_DEFAULT_CAPS;
  private static final Path REPORT = Path.of("target/seccomp-kernel-comparison.txt");

  @TempDir static Path dir;
  private static LibseccompFilterCompiler compiler;
  private static KernelProbe probe;
  private static String kernel;

  @BeforeAll
  static void probe() throws Exception {
    var loaded = LibseccompFilterCompiler.load();
    if (loaded.isEmpty() || !X86_64.equals(loaded.get().nativeArch())) {
      String why = "libseccomp is not loadable or the host is not x86_64";
      if ("1".equals(System.getenv("SPLITCHECK_REQUIRE_ENGINE"))) {
        throw new IllegalStateException(why + " and SPLITCHECK_REQUIRE_ENGINE=1");
      }
      Assumptions.abort(why);
    }
    compiler = loaded.get();
    probe = new KernelProbe(StaticPrograms.compile("seccomp-probe", dir));
    kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "engine-default.json",
        "docker-26.1.json",
        "containerd-1.6.20-runtime-default.json",
        "containerd-1.7.json",
        "podman-containers-common-debian12.json",
        "custom/unconditional-beats-conditional.json",
        "custom/same-argument-ored.json",
        "custom/overlapping-conditionals.json",
        "custom/foreign-names.json",
        "custom/default-allow-denylist.json",
        "custom/enosys-default.json"
      })
  void evaluators_answerWhatTheKernelAnswers_forEveryX8664Syscall(String file) throws Exception {
    SeccompProfile profile = loaded(file);
    RuncConfig config = RuncConfig.of(profile, CAPS, "amd64", kernel);
    RuncFilterEvaluator evaluator = new RuncFilterEvaluator(compiler);
    RuncFilterEvaluator.Filter filter = evaluator.filter(config);
    List<KernelProbe.Case> cases =
        KernelCases.forNames(config, BundledSyscallTable.get().syscalls(X86_64));
    List<KernelProbe.Case> raw = KernelCases.rawNumbers();
    List<KernelProbe.Case> all = new ArrayList<>(cases);
    all.addAll(raw);
    List<String> kernelSays = probe.ask(filter.program(), all, dir);
    List<String> libseccompWrong = new ArrayList<>();
    List<String> pureWrong = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      KernelProbe.Case c = cases.get(i);
      String truth = kernelSays.get(i);
      Decision bpf = evaluator.evaluate(profile, c.name(), CAPS, "amd64", c.args(), kernel);
      Decision pure = ProfileEvaluator.evaluate(profile, c.name(), CAPS, "amd64", c.args(), kernel);
      if (!truth.equals(KernelProbe.outcome(bpf))) {
        libseccompWrong.add(
            c + ": kernel " + truth + ", evaluator " + bpf.describe() + " - " + bpf.reason());
      }
      if (!truth.equals(KernelProbe.outcome(pure))) {
        pureWrong.add(
            c + ": kernel " + truth + ", pure " + pure.describe() + " - " + pure.reason());
      }
    }
    List<String> rawDiffer = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      KernelProbe.Case c = raw.get(i);
      long ret =
          BpfInterpreter.run(
              filter.program(),
              new SeccompData(c.nr(), SeccompData.AUDIT_ARCH_X86_64, 0, c.args()));
      String says = KernelProbe.outcome(SeccompReturn.decision(ret, ""));
      if (!kernelSays.get(cases.size() + i).equals(says)) {
        rawDiffer.add(
            c.name() + ": kernel " + kernelSays.get(cases.size() + i) + ", interpreter " + says);
      }
    }
    report(
        String.format(
            "%-45s %5d cases (%d syscalls): libseccomp-backed agree %5d, pure agree %5d;"
                + " %3d raw numbers: interpreter agrees %3d; filter %d instructions",
            file,
            cases.size(),
            cases.stream().map(KernelProbe.Case::name).distinct().count(),
            cases.size() - libseccompWrong.size(),
            cases.size() - pureWrong.size(),
            raw.size(),
            raw.size() - rawDiffer.size(),
            filter.program().size()),
        pureWrong);
    assertEquals(List.of(), libseccompWrong, file);
    assertEquals(
        List.of(),
        rawDiffer,
        file + ": the interpreter and the kernel differ on raw syscall numbers");
    assertEquals(List.of(), pureWrong, file + ": the pure fallback differs from the kernel");
  }

  @Test
  void namesOfOtherArchitectures_areNotASyscallOnX8664_forBothEvaluators() throws Exception {
    SeccompProfile profile = loaded("custom/foreign-names.json");
    RuncFilterEvaluator evaluator = new RuncFilterEvaluator(compiler);
    for (String name :
        List.of("socketcall", "chown32", "set_tls", "s390_pci_mmio_read", "notasyscall")) {
      assertTrue(
          evaluator.evaluate(profile, name, CAPS, "amd64", null, kernel).notASyscall(), name);
      assertTrue(
          ProfileEvaluator.evaluate(profile, name, CAPS, "amd64", null, kernel).notASyscall(),
          name);
    }
    assertTrue(
        ProfileEvaluator.evaluate(profile, "socketcall", CAPS, "x86", null, kernel).allowed());
  }

  @Test
  void runcRefusesOverlappingSocketRules_whenTheX86SubArchitectureIsInTheFilter() throws Exception {
    SeccompProfile profile = loaded("custom/socket-overlap-x86-refused.json");
    RuncConfig config = RuncConfig.of(profile, CAPS, "amd64", kernel);

    IllegalArgumentException e =
        Assertions.assertThrows(
            IllegalArgumentException.class, () -> new RuncFilterEvaluator(compiler).filter(config));
    assertTrue(
        e.getMessage()
            .startsWith(
                "runc cannot add the seccomp rule syscalls[1] for socket (libseccomp"
                    + " seccomp_rule_add_array returned -17"),
        e.getMessage());
  }

  private static SeccompProfile loaded(String file) throws Exception {
    Path path = Path.of(SeccompKernelIT.class.getResource("/fixtures/seccomp/" + file).toURI());
    SeccompProfile raw = SeccompProfile.read(path);
    return EngineCompat.asLoaded(
        raw,
        file.startsWith("podman") ? EngineCompat.Target.PODMAN : EngineCompat.Target.DOCKER_23);
  }

  private static synchronized void report(String line, List<String> pureWrong) throws Exception {
    StringBuilder b = new StringBuilder(line).append('\n');
    pureWrong.stream()
        .limit(20)
        .forEach(w -> b.append("    pure differs: ").append(w).append('\n'));
    System.out.print(b);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(
        REPORT,
        b.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
