package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine's default seccomp profile, as one of the real profiles in {@code seccomp-profiles/},
 * and what it answers a syscall it does not name. containers-common's profile (Podman) states that
 * answer twice, as {@code defaultErrno: "ENOSYS"} beside {@code defaultErrnoRet: 38} (and each
 * rule's {@code errno} name beside its {@code errnoRet}); {@link SeccompProfile#parse} reads both,
 * this checks that they agree, and the profile is evaluated from the numbers (a name without a
 * number resolved as containers-common does).
 *
 * @param file the profile's file name, e.g. {@code podman-containers-common.json}
 * @param profile the profile, to evaluate syscalls with; it carries numbers only
 * @param defaultErrno the symbolic errno of the default action, e.g. {@code ENOSYS}; {@code EPERM}
 *     when the profile gives no number (the engines' default)
 */
public record EngineDefaultProfile(String file, SeccompProfile profile, String defaultErrno) {

  /** Parses one profile's JSON text; bad input names {@code file} and the field. */
  public static EngineDefaultProfile parse(String json, String file) {
    SeccompProfile parsed = SeccompProfile.parse(json, file);
    Integer number =
        agreeing(parsed.extras().defaultErrno(), parsed.defaultErrnoRet(), file, "defaultErrno");
    List<SyscallRule> rules = new ArrayList<>();
    for (int i = 0; i < parsed.rules().size(); i++) {
      SyscallRule rule = parsed.rules().get(i);
      rules.add(
          rule.withErrnoRet(
              agreeing(rule.errno(), rule.errnoRet(), file, "syscalls[" + i + "].errno")));
    }
    SeccompProfile profile =
        new SeccompProfile(
            parsed.defaultAction(),
            number,
            parsed.architectures(),
            parsed.archMap(),
            parsed.flags(),
            rules,
            new SeccompProfile.Extras(
                null, parsed.extras().listenerPath(), parsed.extras().listenerMetadata()));
    String named = parsed.extras().defaultErrno();
    String errno =
        named != null ? named : Errnos.nameOrNumber(number == null ? Errnos.EPERM : number);
    return new EngineDefaultProfile(file, profile, errno);
  }

  /**
   * The errno number of a name and the number beside it, which must agree when both are given: the
   * number, else the name's.
   */
  private static Integer agreeing(String name, Integer number, String file, String field) {
    if (name == null) {
      return number;
    }
    int byName = EngineCompat.errnoNumber(name);
    if (number != null && number != byName) {
      throw new IllegalArgumentException(
          "seccomp profile '"
              + file
              + "': field '"
              + field
              + "' is '"
              + name
              + "' ("
              + byName
              + ") but the number beside it is "
              + number);
    }
    return byName;
  }

  /** What the profile does with {@code syscall} for a process with the engine's default caps. */
  public Decision decide(String syscall, String arch) {
    return ProfileEvaluator.evaluate(profile, syscall, CellRestrictions.DOCKER_DEFAULT_CAPS, arch);
  }
}
