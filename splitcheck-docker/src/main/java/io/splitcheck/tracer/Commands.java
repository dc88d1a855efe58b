package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short host command and returns its output; a failure quotes the command and its output.
 */
final class Commands {
  private Commands() {}

  static String output(List<String> command, long timeoutSeconds) throws EngineException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new EngineException(String.join(" ", command) + " failed: " + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new EngineException(String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(String.join(" ", command) + " interrupted", e);
    }
  }
}
