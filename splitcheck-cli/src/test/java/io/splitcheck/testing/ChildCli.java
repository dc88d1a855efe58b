package io.splitcheck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM on this JVM's class path, so that a test can signal it: SIGTERM with
 * {@link Process#destroy()}, SIGKILL with {@link Process#destroyForcibly()}.
 */
public final class ChildCli implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildCli(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code java -Xmx<heap> -cp <class path> io.splitcheck.cli.Main ARGS}. */
  public static ChildCli start(String heap, List<String> args) throws IOException {
    return start(heap, Map.of(), args);
  }

  /** As {@link #start(String, List)}, with {@code env} added to this JVM's environment. */
  public static ChildCli start(String heap, Map<String, String> env, List<String> args)
      throws IOException {
    return start(javaCommand(heap, args), env);
  }

  /**
   * The CLI in new pid and uts namespaces ({@code unshare --pid --uts --fork --mount-proc}), as in
   * a CI runner container: host name {@code hostname}, and pid {@code nsPid} inside (its parent
   * shell is pid 1, which dies with {@code unshare}, taking the namespace with it). Needs root.
   */
  public static ChildCli startInNamespaces(
      String heap, String hostname, long nsPid, List<String> args) throws IOException {
    StringBuilder quoted = new StringBuilder();
    for (String a : javaCommand(heap, args)) {
      quoted.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    String script =
        "hostname "
            + hostname
            + " && echo "
            + (nsPid - 1)
            + " > /proc/sys/kernel/ns_last_pid &&"
            + quoted
            + "; exit $?";
    return start(
        List.of(
            "unshare",
            "--pid",
            "--uts",
            "--fork",
            "--mount-proc",
            "--kill-child",
            "sh",
            "-c",
            script),
        Map.of());
  }

  private static List<String> javaCommand(String heap, List<String> args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                "io.splitcheck.cli.Main"));
    cmd.addAll(args);
    return cmd;
  }

  private static ChildCli start(List<String> cmd, Map<String, String> env) throws IOException {
    Path out = Files.createTempFile("splitcheck-child-", ".out");
    Path err = Files.createTempFile("splitcheck-child-", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    return new ChildCli(p, out, err);
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  /** Waits for the exit; -1 when it did not end in time (then it is killed). */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  public String out() {
    return read(out);
  }

  public String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }
}
