package io.splitcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyscallArgumentsTest {

  private static SyscallEvent call(String name, String args) {
    return new SyscallEvent(1, 9, name, args, "-1", "EROFS");
  }

  @Test
  void split_keepsQuotedCommasAndBracketsWhole() {
    assertEquals(
        List.of("\"/usr/bin/bash\"", "[\"bash\", \"-c\", \"a, b\"]", "0x5630 /* 4 vars */"),
        SyscallArguments.split(
            "\"/usr/bin/bash\", [\"bash\", \"-c\", \"a, b\"], 0x5630 /* 4 vars */"));
  }

  @Test
  void createdPath_isTheOpenedPathOnlyWithOCreat_andTheTargetOfRenames() {
    assertEquals(
        Optional.of("/stamp"),
        SyscallArguments.createdPath(
            call("openat", "AT_FDCWD, \"/stamp\", O_WRONLY|O_CREAT|O_NOCTTY|O_NONBLOCK, 0666")));
    assertEquals(
        Optional.empty(),
        SyscallArguments.createdPath(call("openat", "AT_FDCWD, \"/stamp\", O_RDONLY")));
    assertEquals(
        Optional.of("/b"),
        SyscallArguments.createdPath(call("renameat2", "AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", 0")));
    assertEquals(Optional.of("/d"), SyscallArguments.createdPath(call("mkdir", "\"/d\", 0755")));
  }

  @Test
  void path_unescapesStraceQuoting_andArgv0ReadsTheExecveArray() {
    assertEquals(
        Optional.of("/tmp/a \"b\""), SyscallArguments.path(call("unlink", "\"/tmp/a \\\"b\\\"\"")));
    assertEquals(
        Optional.of("bash"),
        SyscallArguments.argv0(
            call(
                "execve", "\"/usr/bin/bash\", [\"bash\", \"-c\", \"ping\"], 0x5630 /* 4 vars */")));
    assertEquals(Optional.empty(), SyscallArguments.path(call("getpid", "")));
  }
}
