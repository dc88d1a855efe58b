package io.splitcheck.seccomp;

import java.util.ArrayList;
import java.util.List;

/**
 * What a given engine version makes of a profile. Docker 20.10's profile loader (moby
 * {@code profiles/seccomp/seccomp.go}, struct {@code Seccomp}) has no {@code defaultErrnoRet} field, so the
 * daemon drops it and runc returns EPERM for the default action. Measured on engine 20.10.24: a profile with
 * {@code "defaultErrnoRet": 38} still fails unlisted syscalls with EPERM. moby 23.0 reads the field.
 */
public final class EngineCompat {

    private EngineCompat() {
    }

    /** True when the engine passes {@code defaultErrnoRet} through to the runtime. */
    public static boolean honoursDefaultErrnoRet(String engineVersion) {
        return major(engineVersion) >= 23;
    }

    /** The profile as the engine hands it to runc (for evaluation and attribution). */
    public static SeccompProfile asLoaded(SeccompProfile p, String engineVersion) {
        if (p.defaultErrnoRet() == null || honoursDefaultErrnoRet(engineVersion)) {
            return p;
        }
        return new SeccompProfile(p.defaultAction(), null, p.architectures(), p.archMap(), p.flags(), p.rules());
    }

    /** Warnings about parts of the profile the engine ignores. */
    public static List<String> warnings(SeccompProfile p, String source, String engineVersion) {
        List<String> warnings = new ArrayList<>();
        if (p.defaultErrnoRet() != null && !honoursDefaultErrnoRet(engineVersion) && p.defaultErrnoRet() != Errnos.EPERM) {
            warnings.add("seccomp profile '" + source + "': defaultErrnoRet " + p.defaultErrnoRet() + " ("
                    + Errnos.nameOrNumber(p.defaultErrnoRet()) + ") is ignored by engine " + engineVersion
                    + "; the default action returns EPERM (engines from 23.0 honour it)");
        }
        return warnings;
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.strip().split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error parsing engine version '" + version + "': expected MAJOR.MINOR.PATCH"
                    + " like 20.10.24");
        }
    }
}
