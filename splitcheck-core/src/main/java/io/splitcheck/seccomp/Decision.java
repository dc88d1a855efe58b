package io.splitcheck.seccomp;

/**
 * What a profile does with one syscall.
 *
 * @param action    {@code SCMP_ACT_*}
 * @param errno     errno number for {@code SCMP_ACT_ERRNO} (EPERM when the profile gives none), else null
 * @param errnoName symbolic errno ({@code "EPERM"}) or null
 * @param reason    which rule or default decided; starts with {@value #CONDITIONAL} when a rule with argument
 *                  conditions applies and the arguments were unknown
 */
public record Decision(String action, Integer errno, String errnoName, String reason) {

    public static final String CONDITIONAL = "conditional: ";
    public static final String DEFAULT = "no rule matches; default action ";

    /** Allowed only for some argument values (arguments were not known). */
    public boolean conditional() {
        return reason.startsWith(CONDITIONAL);
    }

    /** Decided by the profile's default action. */
    public boolean byDefault() {
        return reason.startsWith(DEFAULT);
    }

    /** The call proceeds (ALLOW, LOG), possibly only for some arguments when {@link #conditional()}. */
    public boolean allowed() {
        return SeccompActions.proceeds(action);
    }

    /** {@code SCMP_ACT_ERRNO (EPERM)} or the bare action. */
    public String describe() {
        return errnoName == null ? action : action + " (" + errnoName + ")";
    }
}
