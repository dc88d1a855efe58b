package io.splitcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real strace 6.1 output of {@code src/flags.c} under the flags a user of {@code trace} may add
 * (fixtures/trace/flags, see the README there): every call line becomes an event, none is lost to a
 * {@code )} in a {@code -yy} path, a timestamp column or a {@code [pid N]} prefix, and the
 * program's calls come out with the same results whatever the flags.
 */
class TraceFlagsTest {
  private static final String FILE = "/tmp/sc trace/a (b) c)d.txt";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yy.log",
        "ttt-T.log",
        "tt-y-s8.log",
        "t-Xverbose.log",
        "Xraw.log",
        "r-yy-T.log",
        "stderr-f-yy-tt-T.log",
        "stderr-ttt-yy.log",
        "n-i.log",
        "Y-tt.log"
      })
  void parse_readsEveryCallLine_withTheProgramsResults(String log) throws Exception {
    Path file = TraceTest.fixture("flags/" + log);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Trace trace = Trace.parse(file);
    boolean forked = !log.equals("stderr-ttt-yy.log"); // the only capture without -f

    assertEquals(0, trace.unparsedLines(), log);
    assertFalse(trace.truncated(), log);
    assertEquals(
        completions(lines), trace.events().size(), log + ": one event per completed call line");

    SyscallEvent open =
        trace.events().stream()
            .filter(
                e ->
                    e.name().equals("openat")
                        && e.arguments().contains(FILE)
                        && (e.arguments().contains("O_CREAT") || e.arguments().contains("0x242")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(log + ": no openat of " + FILE));
    assertEquals("3", open.result(), log);
    assertEquals(
        forked ? Set.of("18", "1", "4", "3", "6") : Set.of("18", "1", "4", "3"),
        results(trace, "write"),
        log);
    assertEquals(Set.of("18", "4"), results(trace, "read"), log);
    assertTrue(
        trace.events().stream()
            .anyMatch(
                e ->
                    e.name().equals("openat")
                        && "ENOENT".equals(e.errno())
                        && e.arguments().contains("/nonexistent (dir)/file")),
        log); // paths are not cut by -s
    assertEquals(
        forked ? 2 : 1,
        trace.events().stream().filter(e -> e.name().equals("clock_nanosleep")).count(),
        log);
    if (forked) {
      assertTrue(
          trace.exitCodes().containsValue(3), log + ": the child's exit 3 " + trace.exitCodes());
    }
    assertTrue(trace.exitCodes().containsValue(0), log);
  }

  /**
   * Lines that end a call: a result after the arguments, not a start left unfinished, not +++ or
   * ---, not the half of a line that strace cut with its "Process N attached" message.
   */
  private static long completions(List<String> lines) {
    return lines.stream()
        .filter(l -> l.contains(" = ") || l.contains("= ?"))
        .filter(
            l -> !l.endsWith("<unfinished ...>") && !l.contains("+++ ") && !l.contains("--- SIG"))
        .filter(l -> !l.endsWith(" attached"))
        .count();
  }

  private static Set<String> results(Trace trace, String name) {
    return trace.events().stream()
        .filter(e -> e.name().equals(name))
        .map(SyscallEvent::result)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void parse_readsSocketDecorationsWithArrows_andJoinsLinesCutByAttachMessages() {
    Trace trace =
        Trace.parse(
            List.of(
                "7 write(8<TCP:[127.0.0.1:57770->127.0.0.1:55389]>, \"tcp\", 3) = 3",
                "7 pipe2([4<pipe:[306949]>, 5<pipe:[306949]>], 0) = 0",
                "7 socket(AF_UNIX, SOCK_STREAM, 0)   = 6<UNIX-STREAM:[306951]>",
                "12:00:00.000001 clone(child_stack=NULL, flags=SIGCHLDstrace: Process 9 attached",
                ", child_tidptr=0x2cfa0690) = 9 <0.003965>",
                "[pid     9] 12:00:00.000002 write(1</dev/pts/0<char 136:0>>, \"x\", 1) = 1"),
            "inline");
    assertEquals(0, trace.unparsedLines());
    assertEquals(
        List.of("3", "0", "6", "9", "1"),
        trace.events().stream().map(SyscallEvent::result).toList());
    assertEquals(
        "8<TCP:[127.0.0.1:57770->127.0.0.1:55389]>, \"tcp\", 3", trace.events().get(0).arguments());
    assertEquals(
        "child_stack=NULL, flags=SIGCHLD, child_tidptr=0x2cfa0690",
        trace.events().get(3).arguments());
  }
}
