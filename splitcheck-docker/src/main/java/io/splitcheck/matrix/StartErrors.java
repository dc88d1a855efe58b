package io.splitcheck.matrix;

import io.splitcheck.engine.ContainerSecurity;
import java.util.Locale;
import java.util.Optional;

/**
 * What a cell's failed create or start says: the engine's refusal of a profile, the runtime's
 * reason.
 */
final class StartErrors {
  private StartErrors() {}

  /**
   * A custom profile the engine refuses to load is bad input, reported by the cell's own start (no
   * container of its own before the matrix). The cell differs from the engine's default only in its
   * profile, so a start that fails before the workload's exec is the profile's refusal; one that
   * got as far as the exec, or whose loaded filter denied runc a call, is the cell's outcome. Seen
   * on Docker 20.10 / runc 1.1: {@code unable to start container process: SCMP_ACT_NOTIFY cannot be
   * used as default action} (refused) vs {@code exec: "/x": operation not permitted} (loaded).
   */
  static Optional<String> profileRejection(Cell cell, String startError) {
    if (startError == null || cell.security().seccomp() != ContainerSecurity.Seccomp.CUSTOM) {
      return Optional.empty();
    }
    String lower = startError.toLowerCase(Locale.ROOT);
    boolean loaded =
        lower.contains("operation not permitted")
            || lower.contains("exec: \"")
            || lower.contains("exec format error")
            || lower.contains("cannot start a stopped process")
            || lower.matches("(?s).*\\bexec /.*");
    return loaded
        ? Optional.empty()
        : Optional.of(startError.replaceFirst("^POST /containers/[^/]+/start: ", ""));
  }

  /** An engine that decodes the profile at create refuses the create: its error names seccomp. */
  static Optional<String> createRejection(Cell cell, String createError) {
    String lower = createError == null ? "" : createError.toLowerCase(Locale.ROOT);
    return cell.security().seccomp() == ContainerSecurity.Seccomp.CUSTOM
            && lower.contains("seccomp")
        ? Optional.of(
            createError.replaceFirst("^POST /containers/create \\(image [^)]*\\) failed: ", ""))
        : Optional.empty();
  }

  static IllegalArgumentException rejected(Cell cell, String why) {
    return new IllegalArgumentException(
        "cell '"
            + cell.name()
            + "' ("
            + cell.origin()
            + "): the engine rejects the seccomp profile: "
            + why);
  }

  /**
   * The runtime's reason in an engine's start error: {@code exec: "/app": stat /app: no such file
   * or directory}.
   */
  static String startProblem(String startError) {
    String marker = "unable to start container process: ";
    int at = startError.indexOf(marker);
    String why = at < 0 ? startError : startError.substring(at + marker.length());
    return why.replaceFirst(":\\s*unknown\\s*$", "").strip();
  }

  /**
   * A cell whose program never ran, as both tracers report it: {@code not traceable: the program
   * did not start (operation not permitted)}.
   */
  static String notStarted(String startError) {
    return "not traceable: the program did not start (" + startProblem(startError) + ")";
  }

  static String firstLine(String stderr, String startError) {
    if (startError != null) {
      return startError;
    }
    return stderr
        .lines()
        .filter(l -> l.contains("strace"))
        .findFirst()
        .orElse(stderr.lines().findFirst().orElse("no output"));
  }
}
