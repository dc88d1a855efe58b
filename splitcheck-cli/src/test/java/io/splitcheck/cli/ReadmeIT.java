package io.splitcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.testing.RequiresEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code $} line of the README's console blocks, run in order from the repository's root
 * against the engine (through {@code scripts/splitcheck}, launching the jar {@code mvn verify}
 * packaged), prints what the README shows, and exits as it says.
 */
@RequiresEngine
class ReadmeIT {
  @AfterAll
  static void removeDemoImage() throws Exception {
    new ProcessBuilder("/usr/bin/docker", "rmi", "-f", "splitcheck-demo/my-app")
        .inheritIO()
        .start()
        .waitFor();
  }

  @Test
  void everyConsoleExample_printsWhatTheReadmeShows() throws Exception {
    List<ReadmeExamples.Example> examples = ReadmeExamples.consoleExamples();
    assertTrue(examples.size() >= 4, "the README's examples: " + examples);
    for (ReadmeExamples.Example e : examples) {
      Path out = Files.createTempFile("readme-it-", ".out");
      try {
        ProcessBuilder pb =
            new ProcessBuilder("bash", "-c", e.command())
                .directory(ScriptsIT.ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("SPLITCHECK_LAUNCH_ONLY", "1");
        pb.environment().remove("NO_COLOR");
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), e.command());
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        System.out.println(
            "README: $ "
                + e.command()
                + " -> exit "
                + p.exitValue()
                + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                + " ms\n"
                + printed);
        assertEquals(e.exit(), p.exitValue(), e.command() + " printed:\n" + printed);
        assertNull(
            ReadmeExamples.mismatch(e.expected(), printed.lines().toList()),
            () -> e.command() + " printed:\n" + printed);
      } finally {
        Files.deleteIfExists(out);
      }
    }
  }
}
