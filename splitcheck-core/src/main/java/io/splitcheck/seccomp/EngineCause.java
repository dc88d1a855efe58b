package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;

/**
 * Says what differs between two engines for one syscall that fails differently on them: each side's
 * errno, what each engine's default profile decides (a rule, or the default errno when it names no
 * rule), and the runtimes when they differ. The detail of a {@link Culprit} with cause {@code
 * engine}.
 */
public final class EngineCause {
  private EngineCause() {}

  /**
   * One engine as the explanation needs it.
   *
   * @param name the {@code --on} name
   * @param errno what the syscall returned there, or {@code null} when it did not fail
   * @param profile the engine's default profile, or {@code null} when unknown or not in force (the
   *     cell ran unconfined or under its own profile)
   * @param runtime e.g. {@code runc 1.1.5}, or {@code null}
   */
  public record Side(String name, String errno, EngineDefaultProfile profile, String runtime) {}

  public static Culprit culprit(String syscall, Side reference, Side other, String arch) {
    String errno = other.errno() != null ? other.errno() : reference.errno();
    return new Culprit(
        syscall, errno, Culprit.ENGINE, null, detail(syscall, reference, other, arch));
  }

  /**
   * e.g. {@code EPERM on docker-20.10, ENOSYS on podman; default errno: ...; runtime runc 1.1.5 vs
   * crun 1.8.1}.
   */
  public static String detail(String syscall, Side reference, Side other, String arch) {
    List<String> parts = new ArrayList<>();
    parts.add(answer(reference) + ", " + answer(other));
    String profiles = profiles(syscall, reference, other, arch);
    if (profiles != null) {
      parts.add(profiles);
    }
    if (reference.runtime() != null
        && other.runtime() != null
        && !reference.runtime().equals(other.runtime())) {
      parts.add("runtime " + reference.runtime() + " vs " + other.runtime());
    }
    return String.join("; ", parts);
  }

  private static String answer(Side s) {
    return (s.errno() == null ? "allowed" : s.errno()) + " on " + s.name();
  }

  private static String profiles(String syscall, Side a, Side b, String arch) {
    if (a.profile() == null || b.profile() == null) {
      return null;
    }
    Decision da = a.profile().decide(syscall, arch);
    Decision db = b.profile().decide(syscall, arch);
    if (da.byDefault() && db.byDefault()) {
      return syscall
          + " is in neither default profile: default errno "
          + a.profile().defaultErrno()
          + " ("
          + a.profile().file()
          + ") vs "
          + b.profile().defaultErrno()
          + " ("
          + b.profile().file()
          + ")";
    }
    return a.name()
        + "'s default profile "
        + a.profile().file()
        + ": "
        + decision(da, a)
        + "; "
        + b.name()
        + "'s "
        + b.profile().file()
        + ": "
        + decision(db, b);
  }

  private static String decision(Decision d, Side s) {
    if (d.byDefault()) {
      return "no rule, default errno " + s.profile().defaultErrno();
    }
    return d.allowed()
        ? (d.conditional() ? "allowed for some arguments" : "allowed")
        : d.describe() + " by a rule";
  }
}
