package io.splitcheck.seccomp;

/**
 * A syscall failure that appears in a cell's trace and not in the baseline's, with its cause: the one
 * record of a culprit, from the attribution that finds it to every renderer and report.json.
 *
 * @param errno  symbolic errno, or the signal ({@code SIGSYS}) when the profile killed the process
 * @param cause  {@code seccomp}, {@code capability}, {@code read-only}, {@code network},
 *               {@code engine} (an engine split) or {@code unknown}
 * @param hazard a warning when the failure defeats libc's fallback, else null
 */
public record Culprit(String syscall, String errno, String cause, String hazard, String detail) {

    public static final String SECCOMP = "seccomp";
    public static final String CAPABILITY = "capability";
    public static final String READ_ONLY = "read-only";
    public static final String NETWORK = "network";
    public static final String UNKNOWN = "unknown";
    /** Two engines answer the syscall differently (default errno, default profile, runtime). */
    public static final String ENGINE = "engine";

    /** {@code getrandom/EPERM}: what identifies a culprit across runs (history, expectations). */
    public String key() {
        return syscall + "/" + errno;
    }

    /** {@code getrandom = -1 EPERM [seccomp: not allowed by the engine default profile]}. */
    public String describe() {
        String call = errno.startsWith("SIG") ? syscall + " killed by " + errno : syscall + " = -1 " + errno;
        return call + " [" + cause + ": " + detail + (hazard == null ? "" : "; hazard: " + hazard) + "]";
    }
}
