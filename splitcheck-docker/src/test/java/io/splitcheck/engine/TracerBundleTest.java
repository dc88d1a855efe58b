package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracerBundleTest {
  private static List<String> fixture() throws IOException {
    try (InputStream in =
        TracerBundleTest.class.getResourceAsStream("/fixtures/matrix/ldd-strace.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void command_runsStraceThroughTheBundledLoader() throws IOException {
    TracerBundle bundle = TracerBundle.fromLdd(Path.of("/usr/bin/strace"), fixture());
    assertEquals(
        List.of(
            "/.splitcheck/tracer/lib/ld-linux-x86-64.so.2",
            "--library-path",
            "/.splitcheck/tracer/lib",
            "/.splitcheck/tracer/strace",
            "-f",
            "-qq",
            "-o",
            "/out/t.log",
            "--"),
        bundle.command("/out/t.log", List.of("-f", "-qq")));
  }

  @Test
  void fromLdd_rejectsOutputWithoutLoader() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TracerBundle.fromLdd(Path.of("/usr/bin/strace"), List.of("\tstatically linked")));
    assertEquals(true, e.getMessage().startsWith("Error parsing ldd output"), e.getMessage());
  }
}
