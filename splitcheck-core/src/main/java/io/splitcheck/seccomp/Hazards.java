package io.splitcheck.seccomp;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Syscalls newer than many profiles whose callers (glibc, musl, Go, Rust std, liburing, systemd,
 * ...) fall back to an older way only when the kernel answers ENOSYS; EPERM/EACCES from a profile
 * turns the fallback into a hard failure.
 */
public final class Hazards {

  /** Sorted; documented in docs/seccomp.md. */
  public static final SortedSet<String> ENOSYS_FALLBACK =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(
              Set.of(
                  "clone3",
                  "faccessat2",
                  "close_range",
                  "getrandom",
                  "statx",
                  "openat2",
                  "pidfd_open",
                  "pidfd_getfd",
                  "pidfd_send_signal",
                  "copy_file_range",
                  "rseq",
                  "epoll_pwait2",
                  "fchmodat2",
                  "memfd_secret",
                  "io_uring_setup",
                  "io_uring_enter",
                  "io_uring_register",
                  "futex_waitv",
                  "landlock_create_ruleset",
                  "landlock_add_rule",
                  "landlock_restrict_self",
                  "process_mrelease",
                  "mount_setattr",
                  "cachestat",
                  "map_shadow_stack")));

  public static final String TEXT =
      "libc falls back only on ENOSYS; the profile should return ENOSYS";

  private Hazards() {}

  /**
   * The hazard text when {@code syscall} failing with {@code errno} defeats a fallback, else null.
   */
  public static String hazard(String syscall, String errno) {
    if ((errno.equals("EPERM") || errno.equals("EACCES")) && ENOSYS_FALLBACK.contains(syscall)) {
      return TEXT + " (--derive '" + syscall + "=ENOSYS')";
    }
    return null;
  }
}
