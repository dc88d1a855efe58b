package io.splitcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DaemonMessagesTest {
  @Test
  void of_unwrapsTheDaemonsMessage_fromDockerJavaStatusText() {
    assertEquals("Decoding seccomp profile failed: unexpected end of JSON input",
        DaemonMessages.of("Status 500: {\"message\":\"Decoding seccomp profile failed: unexpected "
            + "end of JSON input\"}\n"));
  }

  @Test
  void of_keepsQuotesInsideTheMessage() {
    assertEquals("exec: \"/x\": stat /x: no such file",
        DaemonMessages.of("Status 400: {\"message\":\"exec: \\\"/x\\\": stat /x: no such file\"}"));
  }

  @Test
  void of_returnsOtherTextUnchanged() {
    assertEquals("connection refused", DaemonMessages.of(" connection refused "));
  }
}
