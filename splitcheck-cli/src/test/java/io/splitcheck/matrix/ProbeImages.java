package io.splitcheck.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test target of the matrix ITs: {@code probe.c} compiled static (musl-gcc, else gcc) into a
 * {@code FROM scratch} image built with BuildKit, tagged {@code splitcheck-test/...} and labelled.
 */
public final class ProbeImages {
  private static final String DOCKER = "/usr/bin/docker";

  private ProbeImages() {}

  /** A built probe image; closing removes it. */
  public record Probe(String tag) implements AutoCloseable {
    @Override
    public void close() throws IOException, InterruptedException {
      exec(Path.of("."), List.of(DOCKER, "rmi", "-f", tag));
    }
  }

  public static Probe build(String name, String runLabel) throws IOException, InterruptedException {
    Path context = Files.createTempDirectory("splitcheck-probe-");
    try {
      Path source = context.resolve("probe.c");
      try (var in = ProbeImages.class.getResourceAsStream("/fixtures/matrix/probe/probe.c")) {
        Files.copy(in, source);
      }
      Path binary = context.resolve("probe");
      String compiler = Files.isExecutable(Path.of("/usr/bin/musl-gcc")) ? "musl-gcc" : "gcc";
      exec(
          context, List.of(compiler, "-static", "-O2", "-o", binary.toString(), source.toString()));
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM scratch\nCOPY probe /probe\nENTRYPOINT [\"/probe\"]\n",
          StandardCharsets.UTF_8);
      String tag = "splitcheck-test/" + name + ":" + runLabel;
      exec(
          context,
          List.of(
              DOCKER,
              "build",
              "-q",
              "--label",
              "io.splitcheck.run=" + runLabel,
              "--label",
              "io.splitcheck.pid=" + ProcessHandle.current().pid(),
              "-t",
              tag,
              "."));
      return new Probe(tag);
    } finally {
      try (var files = Files.walk(context)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Runs a command (docker builds with BuildKit) in {@code dir}; its output is the error when it
   * fails.
   */
  public static void exec(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }
}
