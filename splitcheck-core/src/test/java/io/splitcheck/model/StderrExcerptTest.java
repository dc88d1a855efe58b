package io.splitcheck.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StderrExcerptTest {

  private static String stderr(String name) throws IOException {
    try (var in =
        Objects.requireNonNull(
            StderrExcerptTest.class.getResourceAsStream("/fixtures/trace/real/" + name + ".stderr"),
            name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void pythonTraceback_givesItsLastLine_theException() throws IOException {
    assertEquals(
        Optional.of("PermissionError: [Errno 1] Operation not permitted: '/tmp/owned'"),
        StderrExcerpt.of(stderr("python-capdrop")));
  }

  @Test
  void realProgramsStderr_givesTheLineThatSaysWhatFailed() throws IOException {
    assertEquals(
        "touch: cannot touch '/stamp': Read-only file system",
        StderrExcerpt.of(stderr("touch-readonly")).orElseThrow());
    assertEquals(
        "bash: line 1: /usr/bin/ping: Operation not permitted",
        StderrExcerpt.of(stderr("ping-capdrop")).orElseThrow());
    assertEquals(
        "sh: 1: cannot create /tmp/in: Read-only file system",
        StderrExcerpt.of(stderr("xz-readonly")).orElseThrow());
  }

  @Test
  void chainedTraceback_givesTheLastException() {
    String text =
        "Traceback (most recent call last):\n  File \"a\", line 1\nKeyError: 'x'\n\n"
            + "During handling of the above exception, another exception occurred:\n\n"
            + "Traceback (most recent call last):\n  File \"a\", line 3\nOSError: [Errno 30] Read-only file system\n";
    assertEquals("OSError: [Errno 30] Read-only file system", StderrExcerpt.of(text).orElseThrow());
  }

  @Test
  void errorLine_isPreferredOverEarlierChatter() {
    assertEquals(
        "fatal: unable to access '/x': Permission denied",
        StderrExcerpt.of(
                "starting up\nloading config\nfatal: unable to access '/x': Permission denied\n")
            .orElseThrow());
  }

  @Test
  void noTellingLine_givesTheFirstNonBlankLine_andBlankGivesNone() {
    assertEquals("hello", StderrExcerpt.of("\n  \nhello\nworld\n").orElseThrow());
    assertEquals(Optional.empty(), StderrExcerpt.of(" \n\n"));
    assertEquals(Optional.empty(), StderrExcerpt.of(null));
  }

  @Test
  void longLine_isBoundedWithAnEllipsis_andControlCharactersReplaced() {
    String excerpt = StderrExcerpt.of("error: " + "x".repeat(500) + "\u001b[0m").orElseThrow();
    assertEquals(StderrExcerpt.MAX_CHARS, excerpt.length());
    assertEquals('…', excerpt.charAt(StderrExcerpt.MAX_CHARS - 1));
    assertEquals("error: bell?", StderrExcerpt.of("error: bell\u0007").orElseThrow());
  }
}
