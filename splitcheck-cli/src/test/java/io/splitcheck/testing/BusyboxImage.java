package io.splitcheck.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code FROM scratch} image holding only the host's static busybox with its applets installed
 * ({@code sh}, {@code sleep}, {@code head}, ...), labelled with this JVM's pid so that {@code gc}
 * leaves it alone while the tests run. Built with the 20.10 client and BuildKit; closing removes
 * it.
 */
public record BusyboxImage(String tag) implements AutoCloseable {
  public static final String DOCKER = "/usr/bin/docker";

  /**
   * Builds {@code splitcheck-test/NAME:PID}; {@code extra} lines are appended to the Dockerfile.
   */
  public static BusyboxImage build(String name, String... extra)
      throws IOException, InterruptedException {
    Path context = Files.createTempDirectory("splitcheck-busybox-");
    try {
      Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
      StringBuilder dockerfile =
          new StringBuilder(
              "FROM scratch\nCOPY busybox /bin/busybox\n"
                  + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n");
      for (String line : extra) {
        dockerfile.append(line).append('\n');
      }
      Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
      long pid = ProcessHandle.current().pid();
      String tag = "splitcheck-test/" + name + ":" + pid;
      exec(
          List.of(
              DOCKER,
              "build",
              "-q",
              "--network",
              "none",
              "--label",
              "io.splitcheck.run=test-" + pid,
              "--label",
              "io.splitcheck.pid=" + pid,
              "-t",
              tag,
              context.toString()),
          300);
      return new BusyboxImage(tag);
    } finally {
      try (var files = Files.walk(context)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    exec(List.of(DOCKER, "rmi", "-f", tag), 60);
  }

  /** Runs a host command to its end; its output when it exits 0, else an IOException quoting it. */
  public static String exec(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
