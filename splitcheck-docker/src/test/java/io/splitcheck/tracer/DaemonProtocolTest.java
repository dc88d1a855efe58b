package io.splitcheck.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.splitcheck.tracer.DaemonProtocol.Closed;
import io.splitcheck.tracer.DaemonProtocol.Hello;
import io.splitcheck.tracer.DaemonProtocol.Opened;
import io.splitcheck.tracer.DaemonProtocol.Request;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tracer daemon's lines: each reply read back as written, refusals and bad lines named. */
class DaemonProtocolTest {
  @Test
  void hello_readsBackAsWritten() {
    Hello h = new Hello(657, 730, Instant.parse("2026-12-02T05:11:33.729Z"), 12, 2, 1800, "root-x");
    assertEquals("OK 657 730 1796188293729 12 2 1800 root-x", h.line());
    assertEquals(h, Hello.parse(h.line()));
  }

  @Test
  void openedAndClosed_readBackAsWritten() {
    Opened o = new Opened(98765, "/splitcheck-ebpf-daemon/run-1-3");
    assertEquals(o, Opened.parse(o.line()));
    Closed c = new Closed(250000, 17, 3);
    assertEquals("OK 250000 17 3", c.line());
    assertEquals(c, Closed.parse(c.line()));
  }

  @Test
  void closedFromADaemonOfAnEarlierVersion_hasNoLostCount() {
    assertEquals(new Closed(250000, 17, 0), Closed.parse("OK 250000 17"));
  }

  @Test
  void request_splitsVerbFromItsArgument() {
    assertEquals(new Request("OPEN", "run 1"), Request.parse("OPEN run 1"));
    assertEquals(new Request("STOP", ""), Request.parse("STOP"));
    assertEquals("CLOSE 42", new Request("CLOSE", "42").line());
  }

  @Test
  void refusal_isAnErrorNamingTheRequestAndTheDaemonsMessage() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Opened.parse(DaemonProtocol.error("mkdir /x failed:\nno space")));
    assertEquals("the tracer daemon refused OPEN: mkdir /x failed: no space", e.getMessage());
  }

  @Test
  void malformedReply_namesTheFieldAndTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Closed.parse("OK many 0 0"));
    assertEquals("Error parsing the tracer daemon's field count 'many'", e.getMessage());
    IllegalArgumentException short_ =
        assertThrows(IllegalArgumentException.class, () -> Hello.parse("OK 1 2"));
    assertTrue(short_.getMessage().contains("expected OK and 7 fields"), short_.getMessage());
  }

  @Test
  void connectionClosedBeforeTheReply_saysSo() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Closed.parse(null));
    assertEquals("the tracer daemon closed the connection before answering CLOSE", e.getMessage());
  }
}
