package io.splitcheck.libseccomp;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.splitcheck.seccomp.ProfileEvaluator;
import io.splitcheck.seccomp.SeccompProfile;
import io.splitcheck.seccomp.SyscallRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Syscall names as the runtime's libseccomp ({@code libseccomp.so.2}, through JNA) knows them. runc
 * silently skips rule names libseccomp cannot resolve, so a typo or a syscall newer than the
 * installed libseccomp quietly leaves that syscall to the default action; {@link #unknownSyscalls}
 * finds them.
 */
public final class SyscallResolver {

  /** The libseccomp functions used. */
  interface LibSeccomp extends Library {
    int seccomp_syscall_resolve_name_arch(int archToken, String name);

    int seccomp_arch_resolve_name(String archName);

    Pointer seccomp_version();
  }

  private final LibSeccomp lib;

  private SyscallResolver(LibSeccomp lib) {
    this.lib = lib;
  }

  /** Loads libseccomp; empty when it is not installed. */
  public static Optional<SyscallResolver> load() {
    try {
      return Optional.of(new SyscallResolver(Native.load("seccomp", LibSeccomp.class)));
    } catch (UnsatisfiedLinkError e) {
      try {
        return Optional.of(new SyscallResolver(Native.load("libseccomp.so.2", LibSeccomp.class)));
      } catch (UnsatisfiedLinkError e2) {
        return Optional.empty();
      }
    }
  }

  /** {@code 2.5.4}. */
  public String version() {
    Pointer v = lib.seccomp_version();
    return v == null ? "unknown" : v.getInt(0) + "." + v.getInt(4) + "." + v.getInt(8);
  }

  /**
   * Whether libseccomp knows {@code name} at all for {@code arch}: a number, or a pseudo number for
   * a syscall this arch lacks ({@code syscall} on x86_64) or multiplexes ({@code send} through
   * socketcall on x86); only a name it cannot resolve ({@code __NR_SCMP_ERROR}, -1) is unknown.
   */
  public boolean known(String name, String arch) {
    return lib.seccomp_syscall_resolve_name_arch(token(arch), name) != NR_SCMP_ERROR;
  }

  /** libseccomp's answer for a name it cannot resolve. */
  private static final int NR_SCMP_ERROR = -1;

  /**
   * The syscall number on {@code arch}, or empty (pseudo numbers of other arches count as absent).
   */
  public Optional<Integer> number(String name, String arch) {
    int nr = lib.seccomp_syscall_resolve_name_arch(token(arch), name);
    return nr >= 0 ? Optional.of(nr) : Optional.empty();
  }

  private int token(String arch) {
    String name = libseccompArch(arch);
    int token = lib.seccomp_arch_resolve_name(name);
    if (token == 0) {
      throw new IllegalArgumentException(
          "Unknown architecture '"
              + arch
              + "', expected a libseccomp name like "
              + "x86_64, x86, x32, aarch64, arm, s390x, ppc64le or amd64/arm64");
    }
    return token;
  }

  /**
   * Names in rules that apply on {@code arch} which libseccomp cannot resolve on {@code arch} nor
   * on its sub-architectures in the profile (a typo, or a syscall newer than this libseccomp: the
   * runtime ignores them silently), sorted. A name libseccomp knows as another arch's syscall
   * ({@code syscall}, {@code vm86}) or as a socketcall operation ({@code send}, {@code recv}) is
   * not one: multi-arch profiles carry them on purpose.
   */
  public List<String> unknownSyscalls(SeccompProfile profile, String arch) {
    List<String> arches = archesOf(profile, arch);
    Set<String> unknown = new TreeSet<>();
    String nativeArch = ProfileEvaluator.nativeArch(arch);
    for (SyscallRule rule : profile.rules()) {
      if (rule.excludes().arches().contains(nativeArch)
          || !rule.includes().arches().isEmpty()
              && !rule.includes().arches().contains(nativeArch)) {
        continue;
      }
      for (String name : rule.names()) {
        if (arches.stream().noneMatch(a -> known(name, a))) {
          unknown.add(name);
        }
      }
    }
    return List.copyOf(unknown);
  }

  /** One warning per unknown name, naming the profile, the syscall and the libseccomp version. */
  public List<String> lint(SeccompProfile profile, String source, String arch) {
    List<String> warnings = new ArrayList<>();
    for (String name : unknownSyscalls(profile, arch)) {
      warnings.add(
          "seccomp profile '"
              + source
              + "': syscall '"
              + name
              + "' is unknown to libseccomp "
              + version()
              + " on "
              + String.join("/", archesOf(profile, arch))
              + "; the runtime ignores it silently, so it gets the default action "
              + profile.defaultAction());
    }
    return warnings;
  }

  private static List<String> archesOf(SeccompProfile profile, String arch) {
    Set<String> arches = new LinkedHashSet<>();
    String nativeName = libseccompArch(arch);
    arches.add(nativeName);
    String scmp = "SCMP_ARCH_" + nativeName.toUpperCase(Locale.ROOT);
    profile.archMap().stream()
        .filter(m -> m.architecture().equals(scmp))
        .forEach(m -> m.subArchitectures().forEach(s -> arches.add(libseccompArch(s))));
    if (profile.architectures().contains(scmp)) {
      profile.architectures().forEach(s -> arches.add(libseccompArch(s)));
    }
    return List.copyOf(arches);
  }

  /** libseccomp's arch name: {@code amd64} and {@code SCMP_ARCH_X86_64} become {@code x86_64}. */
  static String libseccompArch(String arch) {
    String a = arch.toLowerCase(Locale.ROOT).replace("scmp_arch_", "");
    return switch (a) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      case "386", "i386", "i686" -> "x86";
      default -> a;
    };
  }
}
