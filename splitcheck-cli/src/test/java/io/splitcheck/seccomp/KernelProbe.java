package io.splitcheck.seccomp;

import io.splitcheck.seccomp.bpf.BpfProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs fixtures/programs/seccomp-probe: loads a BPF program into the real kernel in traced children
 * and asks it about calls, one {@link Case} per line; answers are {@code ALLOW}, {@code ERRNO n},
 * {@code TRAP}, {@code KILL}, {@code TRACE n} (see the program's header: allowed calls are never
 * executed).
 */
final class KernelProbe {

  /** One call: syscall number and six arguments. */
  record Case(String name, int nr, long[] args) {
    String line() {
      StringBuilder b = new StringBuilder(Integer.toString(nr));
      for (long a : args) {
        b.append(' ').append("0x").append(Long.toHexString(a));
      }
      return b.toString();
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(name + "(");
      for (int i = 0; i < args.length; i++) {
        b.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(args[i]));
      }
      return b + ")";
    }
  }

  private final Path binary;

  KernelProbe(Path binary) {
    this.binary = binary;
  }

  List<String> ask(BpfProgram program, List<Case> cases, Path dir)
      throws IOException, InterruptedException {
    Path bpf = Files.createTempFile(dir, "filter", ".bpf");
    Files.write(bpf, program.toBytes());
    Path in = Files.createTempFile(dir, "cases", ".txt");
    Files.writeString(
        in, cases.stream().map(Case::line).collect(Collectors.joining("\n", "", "\n")));
    Path out = Files.createTempFile(dir, "answers", ".txt");
    Process p =
        new ProcessBuilder(binary.toString(), bpf.toString())
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          binary
              + " "
              + bpf
              + " failed or timed out (exit "
              + (p.isAlive() ? "none" : p.exitValue())
              + ")");
    }
    List<String> answers = new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
    if (answers.size() != cases.size()) {
      throw new IllegalStateException(
          binary + " answered " + answers.size() + " of " + cases.size() + " cases");
    }
    return answers;
  }

  /** A decision in the probe's words. */
  static String outcome(Decision d) {
    if (d.allowed()) {
      return "ALLOW";
    }
    if (SeccompActions.kills(d.action())) {
      return "KILL";
    }
    return switch (d.action()) {
      case SeccompActions.ERRNO -> "ERRNO " + d.errno();
      case SeccompActions.TRAP -> "TRAP";
      default -> d.action();
    };
  }
}
