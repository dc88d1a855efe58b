package io.splitcheck.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles the C programs under fixtures/programs into static binaries with the host's gcc. */
public final class StaticPrograms {
  private StaticPrograms() {}

  /** Source directory of the test programs. */
  public static Path source(String name) {
    Path p = Path.of("src/test/resources/fixtures/programs", name + ".c");
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("no test program " + p.toAbsolutePath());
    }
    return p;
  }

  /** {@code gcc -static -O2 -o out src}; fails the test with gcc's own output when it fails. */
  public static Path compile(String name, Path outDir, String... extraFlags)
      throws IOException, InterruptedException {
    Path out = outDir.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("gcc", "-static", "-O2", "-o", out.toString()));
    cmd.addAll(List.of(extraFlags));
    cmd.add(source(name).toString());
    Path log = Files.createTempFile("gcc", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + Files.readString(log));
    }
    Files.deleteIfExists(log);
    return out;
  }
}
