package io.splitcheck.tracer;

import java.time.Instant;
import java.util.List;

/**
 * The tracer daemon's control protocol: UTF-8 lines over its unix-domain socket, one request and
 * one reply at a time on a connection. A cell belongs to the connection that opened it: when that
 * connection ends before {@code CLOSE} (its client died), the daemon drops the cell's records and
 * removes its directory.
 *
 * <pre>
 * HELLO 1        OK pid bpftracePid sinceEpochMillis cellsTraced cellsOpen idleSeconds cgroupRoot
 * OPEN name      OK id cgroupParent
 * CLOSE id       OK count dropped, then count record lines
 * STOP           OK, then the daemon stops
 * anything else  ERR message
 * </pre>
 */
final class DaemonProtocol {
  static final int VERSION = 1;

  private DaemonProtocol() {}

  /** A request line: its verb and its one argument (empty when none). */
  record Request(String verb, String argument) {
    static Request parse(String line) {
      int sp = line.indexOf(' ');
      return sp < 0
          ? new Request(line, "")
          : new Request(line.substring(0, sp), line.substring(sp + 1));
    }

    String line() {
      return argument.isEmpty() ? verb : verb + " " + argument;
    }
  }

  /** The daemon's answer to HELLO: what {@code splitcheck tracer status} shows. */
  record Hello(
      long pid,
      long bpftracePid,
      Instant since,
      long cellsTraced,
      int cellsOpen,
      long idleSeconds,
      String cgroupRoot) {
    String line() {
      return String.join(
          " ",
          "OK",
          Long.toString(pid),
          Long.toString(bpftracePid),
          Long.toString(since.toEpochMilli()),
          Long.toString(cellsTraced),
          Integer.toString(cellsOpen),
          Long.toString(idleSeconds),
          cgroupRoot);
    }

    static Hello parse(String line) {
      List<String> f = fields(line, 8, "HELLO");
      return new Hello(
          number(f, 1, "pid"),
          number(f, 2, "bpftracePid"),
          Instant.ofEpochMilli(number(f, 3, "since")),
          number(f, 4, "cellsTraced"),
          (int) number(f, 5, "cellsOpen"),
          number(f, 6, "idleSeconds"),
          f.get(7));
    }
  }

  /** The answer to OPEN: the cell's id (its cgroup's inode) and its cgroup parent. */
  record Opened(long id, String cgroupParent) {
    String line() {
      return "OK " + id + " " + cgroupParent;
    }

    static Opened parse(String line) {
      List<String> f = fields(line, 3, "OPEN");
      return new Opened(number(f, 1, "id"), f.get(2));
    }
  }

  /** The head of the answer to CLOSE: how many record lines follow and how many were cut. */
  record Closed(int count, long dropped, long lost) {
    String line() {
      return "OK " + count + " " + dropped + " " + lost;
    }

    static Closed parse(String line) {
      // a daemon started by an earlier splitcheck answers without the lost count
      boolean older = line != null && line.startsWith("OK ") && line.split(" ").length == 3;
      List<String> f = older ? List.of((line + " 0").split(" ")) : fields(line, 4, "CLOSE");
      return new Closed((int) number(f, 1, "count"), number(f, 2, "dropped"), number(f, 3, "lost"));
    }
  }

  static String error(String message) {
    return "ERR " + message.replace('\n', ' ');
  }

  /** The reply's fields; an {@code ERR} reply or one of another form is an error naming both. */
  private static List<String> fields(String line, int count, String request) {
    if (line == null) {
      throw new IllegalArgumentException(
          "the tracer daemon closed the connection before answering " + request);
    }
    if (line.startsWith("ERR ")) {
      throw new IllegalStateException(
          "the tracer daemon refused " + request + ": " + line.substring(4));
    }
    List<String> f = List.of(line.split(" ", count));
    if (f.size() != count || !f.get(0).equals("OK")) {
      throw new IllegalArgumentException(
          "Error parsing the tracer daemon's answer to "
              + request
              + " '"
              + line
              + "': expected OK and "
              + (count - 1)
              + " fields");
    }
    return f;
  }

  private static long number(List<String> f, int i, String name) {
    try {
      return Long.parseLong(f.get(i));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Error parsing the tracer daemon's field " + name + " '" + f.get(i) + "'", e);
    }
  }
}
