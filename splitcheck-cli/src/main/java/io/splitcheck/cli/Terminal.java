package io.splitcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the console may be given: colour for verdicts when stdout is a terminal, and a progress line
 * on stderr when both are (someone is watching). Neither under {@code NO_COLOR} (colour; set to
 * anything), {@code TERM=dumb} (both), any structured format on stdout ({@code --format json},
 * {@code --json -}), or a pipe or file on either stream, so logs, CI and {@code | jq} get only the
 * result.
 *
 * @param colour paint verdicts with ANSI colours
 * @param progress redraw one progress line on stderr
 */
record Terminal(boolean colour, boolean progress) {
  static final Terminal PLAIN = new Terminal(false, false);

  /** This process's streams, as the kernel sees fds 1 and 2. */
  static Terminal detect(boolean structuredStdout) {
    return decide(System.getenv(), structuredStdout, isTerminal(1), isTerminal(2));
  }

  static Terminal decide(
      Map<String, String> env, boolean structuredStdout, boolean stdoutTty, boolean stderrTty) {
    boolean dumb = "dumb".equals(env.get("TERM"));
    if (structuredStdout || dumb || !stdoutTty) {
      return PLAIN;
    }
    return new Terminal(!env.containsKey("NO_COLOR"), stderrTty);
  }

  /**
   * Whether file descriptor {@code fd} of this process is a terminal (its /proc link names a tty
   * device).
   */
  static boolean isTerminal(int fd) {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/console}: yes; {@code pipe:[123]}, a file,
   * {@code /dev/null}: no.
   */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.matches("/dev/tty[0-9A-Za-z]*")
        || target.equals("/dev/console");
  }
}
