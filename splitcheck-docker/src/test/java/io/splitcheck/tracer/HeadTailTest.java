package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace file read line by line, bounded to its start and its end. */
class HeadTailTest {
  private static final String LINE =
      "4711  openat(AT_FDCWD, \"/etc/ld.so.preload\", O_RDONLY|O_CLOEXEC) = -1 ENOENT"
          + " (No such file or directory)";

  @Test
  void read_ofAHugeStraceLog_keepsItsFirstAndLastLines_andCountsTheRest(@TempDir Path tmp)
      throws IOException {
    Path log = tmp.resolve("trace.log");
    int lines = 1_000_000; // ~110 MB, read without holding it: 1,010 lines kept
    try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      w.write("1  execve(\"/probe\", [\"/probe\"], 0x7ffd /* 3 vars */) = 0\n");
      for (int i = 0; i < lines - 2; i++) {
        w.write(LINE);
        w.write('\n');
      }
      w.write("1  +++ exited with 3 +++\n");
    }

    HeadTail h = HeadTail.read(log, 1000, 10);

    List<String> kept = h.lines();
    assertEquals(1010, kept.size());
    assertEquals(lines - 1010, h.dropped());
    assertEquals("1  execve(\"/probe\", [\"/probe\"], 0x7ffd /* 3 vars */) = 0", kept.get(0));
    assertEquals("1  +++ exited with 3 +++", kept.get(1009));
  }

  @Test
  void add_keepsEveryLine_ofATraceWithinTheBounds() {
    HeadTail h = new HeadTail(2, 2);
    List.of("a", "b", "c").forEach(h::add);

    assertEquals(List.of("a", "b", "c"), h.lines());
    assertEquals(0, h.dropped());
  }
}
