package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.engine.DockerClients;
import io.splitcheck.testing.BusyboxImage;
import io.splitcheck.testing.ChildCli;
import io.splitcheck.testing.NamedEngine;
import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a terminal and off it: the CLI in a pseudo-terminal ({@code script}, util-linux)
 * shows a progress line on stderr and coloured verdicts; piped, or with {@code --format json}, not
 * one escape sequence; under {@code NO_COLOR} the progress but no colour.
 */
@RequiresEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminalIT {
  private static final String PROGRESS = "\r\u001b[Kmatrix ";
  private static final String RED_SPLIT = "\u001b[31m1 split:\u001b[0m";
  private BusyboxImage image;

  @TempDir Path tmp;

  @BeforeAll
  void build() throws Exception {
    image = BusyboxImage.build("terminal-slow");
  }

  @AfterAll
  void remove() throws Exception {
    image.close();
  }

  private List<String> matrix(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "matrix",
                image.tag(),
                "--config",
                "unconfined",
                "--config",
                "read-only",
                "--trace",
                "never"));
    args.addAll(List.of(more));
    args.addAll(List.of("--", "/bin/sh", "-c", "sleep 2; touch /x"));
    return args;
  }

  @Test
  void onATerminal_progressOnStderr_andTheSplitInRed() throws Exception {
    String screen = inTerminal(Map.of(), matrix());
    assertTrue(
        screen.contains(PROGRESS + "0s  cells 0/2") || screen.contains(PROGRESS + "1s  cells"),
        screen);
    assertTrue(
        screen.contains(": read-only") || screen.contains(", read-only"),
        "names the running cells: " + screen);
    assertTrue(screen.contains(RED_SPLIT), screen);
  }

  @Test
  void underNoColor_progressButNoColour() throws Exception {
    String screen = inTerminal(Map.of("NO_COLOR", "1"), matrix());
    assertTrue(screen.contains(PROGRESS), screen);
    assertFalse(screen.contains("\u001b[3") || screen.contains("\u001b[1;3"), screen);
    assertTrue(screen.contains("1 split:"), screen);
  }

  @Test
  void withFormatJsonOnATerminal_notOneEscapeSequence() throws Exception {
    String screen = inTerminal(Map.of(), matrix("--format", "json"));
    assertFalse(screen.contains("\u001b"), screen);
    assertTrue(screen.contains("\"cells\""), screen);
  }

  @Test
  void piped_notOneEscapeSequence_onEitherStream() throws Exception {
    try (ChildCli child = ChildCli.start("128m", matrix())) {
      assertEquals(1, child.waitFor(120), child.err());
      assertFalse(
          child.out().contains("\u001b") || child.err().contains("\u001b"),
          child.out() + child.err());
      assertTrue(child.out().contains("1 split:"), child.out());
    }
  }

  @Test
  void matrixOnTwoEngines_onATerminal_progressCountsEachEnginesCells() throws Exception {
    String docker26 = NamedEngine.DOCKER26.host();
    String screen =
        inTerminal(
            Map.of(),
            matrix("--on", "d20=" + DockerClients.hostOf(null), "--on", "d26=" + docker26));
    assertTrue(screen.contains(PROGRESS), screen);
    assertTrue(
        screen.contains("  d20 cells 0/2  d26 cells 0/2"),
        "both engines from the start: " + screen);
    assertTrue(
        // (not "1/2": the line is redrawn every 250 ms and both cells may end within one interval)
        screen.contains("d20 cells 2/2  d26 cells 0/2: "),
        "each engine's cells counted on its own: " + screen);
    assertTrue(
        screen.matches("(?s).*d26 cells [01]/2: [^\\r]*read-only.*"),
        "names the running cell on its engine: " + screen);
    assertTrue(screen.contains("on d26 ("), "then the result: " + screen);
  }

  @Test
  void matrixOnTwoEngines_piped_noProgress() throws Exception {
    String docker26 = NamedEngine.DOCKER26.host();
    List<String> args =
        matrix("--on", "d20=" + DockerClients.hostOf(null), "--on", "d26=" + docker26);
    try (ChildCli child = ChildCli.start("128m", args)) {
      assertEquals(1, child.waitFor(120), child.err());
      assertFalse(
          child.out().contains("\u001b") || child.err().contains("\u001b"),
          child.out() + child.err());
      assertTrue(child.out().contains("on d26 ("), child.out());
    }
  }

  @Test
  void twiceVary_onATerminal_verdictsColoured_andNotUnderNoColor() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("vary"));
    Files.copy(
        Path.of("/bin/busybox"), ctx.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(
        ctx.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY hello.txt /\n");
    List<String> args = List.of("twice", ctx.toString(), "--vary", "umask");

    String screen = inTerminal(Map.of(), args);
    assertTrue(screen.contains("\u001b[31mverdict: "), "the control's verdict: " + screen);
    assertTrue(
        screen.contains("    \u001b[31mverdict metadata\u001b[0m, "),
        "the umask variation's verdict: " + screen);

    String plain = inTerminal(Map.of("NO_COLOR", "1"), args);
    assertFalse(plain.contains("\u001b[3") || plain.contains("\u001b[1;3"), plain);
    assertTrue(plain.contains("    verdict metadata, "), plain);

    try (ChildCli child = ChildCli.start("128m", args)) {
      assertEquals(1, child.waitFor(120), child.err());
      assertFalse(
          child.out().contains("\u001b") || child.err().contains("\u001b"),
          child.out() + child.err());
      assertTrue(child.out().contains("    verdict metadata, "), child.out());
    }
  }

  /**
   * What a terminal shows for the CLI run with {@code args}: stdout and stderr as the pty merged
   * them.
   */
  private String inTerminal(Map<String, String> env, List<String> args) throws Exception {
    StringBuilder command = new StringBuilder();
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.splitcheck.cli.Main"));
    argv.addAll(args);
    for (String a : argv) {
      command.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    Path typescript = tmp.resolve("screen-" + System.nanoTime());
    ProcessBuilder pb =
        new ProcessBuilder("script", "-qefc", command.toString(), "/dev/null")
            .redirectOutput(typescript.toFile())
            .redirectErrorStream(true);
    pb.environment().put("TERM", "xterm");
    pb.environment().remove("NO_COLOR");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI ended");
    return Files.readString(typescript, StandardCharsets.UTF_8);
  }
}
