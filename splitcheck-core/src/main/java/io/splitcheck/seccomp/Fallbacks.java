package io.splitcheck.seccomp;

import io.splitcheck.trace.SyscallArguments;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Handled fallbacks: a failed call that libc or the runtime answers by calling an older equivalent,
 * which succeeds. Observed, not assumed: the failure counts as handled only when one of its
 * fallback calls succeeds in the same thread within the next {@link #WINDOW} calls (on the same
 * path for path-taking calls; {@code /dev/urandom} or {@code /dev/random} for getrandom).
 */
public final class Fallbacks {

  /**
   * glibc and CPython make the fallback call at once; close_range's fallback first lists
   * /proc/self/fd.
   */
  static final int WINDOW = 5;

  private static final Map<String, Set<String>> FALLBACKS =
      Map.of(
          "clone3", Set.of("clone"),
          "faccessat2", Set.of("faccessat", "access", "newfstatat", "fstatat64"),
          "statx", Set.of("newfstatat", "fstatat64", "stat", "lstat", "fstat"),
          "openat2", Set.of("openat", "open"),
          "close_range", Set.of("close"),
          "getrandom", Set.of("openat", "open"),
          "io_uring_setup", Set.of("epoll_create1", "epoll_create"),
          "epoll_pwait2", Set.of("epoll_pwait", "epoll_wait"));
  private static final Set<String> RANDOM_DEVICES = Set.of("/dev/urandom", "/dev/random");

  private Fallbacks() {}

  /** The calls that can stand in for {@code syscall}, empty when it has none. */
  public static Set<String> of(String syscall) {
    return FALLBACKS.getOrDefault(syscall, Set.of());
  }

  /**
   * {@code "clone succeeded next (line 12)"} when {@code failed}, an event of {@code trace}, was
   * followed in its thread by a successful fallback; empty otherwise.
   */
  public static Optional<String> handled(Trace trace, SyscallEvent failed) {
    Set<String> names = of(failed.name());
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<SyscallEvent> events = trace.events();
    int seen = 0;
    for (int i = events.indexOf(failed) + 1; i < events.size() && seen < WINDOW; i++) {
      SyscallEvent e = events.get(i);
      if (e.pid() != failed.pid()) {
        continue;
      }
      seen++;
      if (names.contains(e.name()) && !e.failed() && e.errno() == null && samePath(failed, e)) {
        return Optional.of(
            "handled fallback: " + e.name() + " succeeded next (line " + e.line() + ")");
      }
    }
    return Optional.empty();
  }

  private static boolean samePath(SyscallEvent failed, SyscallEvent fallback) {
    Optional<String> to = SyscallArguments.path(fallback);
    if (failed.name().equals("getrandom")) {
      return to.isPresent() && RANDOM_DEVICES.contains(to.get());
    }
    Optional<String> from = SyscallArguments.path(failed);
    return from.isEmpty() || from.equals(to);
  }
}
