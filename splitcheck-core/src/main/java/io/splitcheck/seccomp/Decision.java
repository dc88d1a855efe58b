package io.splitcheck.seccomp;

/**
 * What a profile does with one syscall.
 *
 * @param action {@code SCMP_ACT_*}
 * @param errno errno number for {@code SCMP_ACT_ERRNO} (EPERM when the profile gives none), else
 *     null
 * @param errnoName symbolic errno ({@code "EPERM"}) or null
 * @param reason which rule or default decided; starts with {@value #CONDITIONAL} when a rule with
 *     argument conditions applies and the arguments were unknown
 */
public record Decision(String action, Integer errno, String errnoName, String reason) {

  public static final String CONDITIONAL = "conditional: ";
  public static final String DEFAULT = "no rule matches; default action ";
  public static final String NOT_A_SYSCALL = "not a syscall on ";

  /** The name is no syscall on {@code arch}: rules naming it decide nothing there. */
  public static Decision notASyscall(String syscall, String arch, String source) {
    return new Decision(
        SeccompActions.NO_SYSCALL,
        null,
        null,
        NOT_A_SYSCALL + arch + ": '" + syscall + "' (" + source + ")");
  }

  /** True when the name is no syscall on the architecture asked about. */
  public boolean notASyscall() {
    return action.equals(SeccompActions.NO_SYSCALL);
  }

  /** Allowed only for some argument values (arguments were not known). */
  public boolean conditional() {
    return reason.startsWith(CONDITIONAL);
  }

  /** Decided by the profile's default action. */
  public boolean byDefault() {
    return reason.startsWith(DEFAULT);
  }

  /**
   * The call proceeds (ALLOW, LOG), possibly only for some arguments when {@link #conditional()}.
   */
  public boolean allowed() {
    return SeccompActions.proceeds(action);
  }

  /** {@code SCMP_ACT_ERRNO (EPERM)} or the bare action. */
  public String describe() {
    return errnoName == null ? action : action + " (" + errnoName + ")";
  }
}
