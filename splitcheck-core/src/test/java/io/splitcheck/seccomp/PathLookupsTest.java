package io.splitcheck.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.splitcheck.trace.ProcessTree;
import io.splitcheck.trace.SyscallArguments;
import io.splitcheck.trace.Trace;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A shell's $PATH search (captured with strace -f -qq -s 256 on Debian 12: bash 5.2 stats each
 * candidate, dash 0.5.12 stats them and its child execs the one found) is not a culprit, even in a
 * cell whose baseline trace lost those records; a command found nowhere still is.
 */
class PathLookupsTest {

  private static final Trace EMPTY =
      Trace.parse(List.of("1     exit_group(0)                     = ?"), "baseline");
  private static final CellRestrictions READ_ONLY =
      new CellRestrictions(
          "read-only",
          null,
          false,
          CellRestrictions.DOCKER_DEFAULT_CAPS,
          true,
          Set.of("/tmp"),
          false);

  private static List<String> newfstatatCulprits(String fixture) {
    Trace cell = Trace.parse(Fixtures.path("trace/" + fixture));
    return Attribution.culprits(EMPTY, cell, READ_ONLY, "amd64").stream()
        .filter(c -> c.syscall().equals("newfstatat"))
        .map(c -> c.errno() + " " + c.path())
        .toList();
  }

  @Test
  void bashPathSearch_thatFindsTheCommand_isNoCulprit() {
    assertEquals(List.of(), newfstatatCulprits("path-search-bash.log"));
  }

  @Test
  void dashPathSearch_isNoCulprit_butACommandFoundNowhereIs() {
    assertEquals(
        List.of("ENOENT /usr/local/sbin/nosuchcmd"), newfstatatCulprits("path-search-dash.log"));
  }

  @Test
  void missedCandidate_isHandled_onlyWhenTheSameNameIsFoundElsewhereLater() {
    Trace cell = Trace.parse(Fixtures.path("trace/path-search-dash.log"));
    PathLookups lookups = new PathLookups(cell, ProcessTree.of(cell));
    List<String> handled =
        cell.events().stream()
            .filter(e -> e.failed() && lookups.handled(e))
            .map(e -> SyscallArguments.path(e).orElseThrow())
            .toList();
    assertEquals(
        List.of("/usr/local/sbin/mkdir", "/usr/local/bin/mkdir", "/usr/sbin/mkdir"), handled);
  }
}
