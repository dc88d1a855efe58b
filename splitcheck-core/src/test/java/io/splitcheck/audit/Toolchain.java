package io.splitcheck.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles small C programs for tests and asks readelf about them; skips the test when a tool is
 * absent.
 */
final class Toolchain {
  static final String HELLO = "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n";
  static final String BARE = "void _start(void){ for(;;); }\n";

  private Toolchain() {}

  /** Runs {@code cc args... -o out src}; skips the test (Assumptions) when the compiler fails. */
  static Path compile(Path dir, String out, String source, String... ccAndArgs) throws Exception {
    Path src = dir.resolve(out + ".c");
    Files.writeString(src, source);
    Path bin = dir.resolve(out);
    List<String> cmd = new ArrayList<>(List.of(ccAndArgs));
    cmd.addAll(List.of("-o", bin.toString(), src.toString()));
    Result r = run(cmd);
    assumeTrue(r.exit == 0, () -> "toolchain cannot build " + cmd + ": " + r.output);
    return bin;
  }

  static String readelf(Path file) throws Exception {
    Result r = run(List.of("readelf", "-W", "-h", "-l", "-d", file.toString()));
    assumeTrue(r.exit == 0, () -> "readelf failed: " + r.output);
    return r.output;
  }

  record Result(int exit, String output) {}

  static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(124, out);
    }
    return new Result(p.exitValue(), out);
  }
}
