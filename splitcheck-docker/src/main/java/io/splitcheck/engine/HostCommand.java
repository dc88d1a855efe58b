package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command on the host (a scenario's prebuild), bounded in time, quoting its output on
 * failure.
 */
public final class HostCommand {
  /** Lines of output an error quotes. */
  static final int QUOTED_LINES = 20;

  private HostCommand() {}

  /**
   * Runs {@code argv} in {@code dir}; returns its output; throws with the tail of it when it fails.
   */
  public static String run(List<String> argv, Path dir, Duration timeout) throws EngineException {
    Path log = null;
    try {
      log = TempFolder.file("host", ".log");
      Process p =
          ChildProcesses.track(
              new ProcessBuilder(argv)
                  .directory(dir.toFile())
                  .redirectErrorStream(true)
                  .redirectOutput(log.toFile())
                  .start());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new EngineException(
            "`"
                + String.join(" ", argv)
                + "` in "
                + dir
                + " timed out after "
                + timeout.toSeconds()
                + "s and was killed");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        List<String> lines = output.lines().toList();
        throw new EngineException(
            "`"
                + String.join(" ", argv)
                + "` in "
                + dir
                + " exited "
                + p.exitValue()
                + ":\n  "
                + String.join(
                    "\n  ", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size())));
      }
      return output;
    } catch (IOException e) {
      throw new EngineException(
          "cannot run `" + String.join(" ", argv) + "` in " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted running `" + String.join(" ", argv) + "`", e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
