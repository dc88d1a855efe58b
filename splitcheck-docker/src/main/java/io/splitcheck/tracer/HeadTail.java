package io.splitcheck.tracer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a trace, bounded: the first {@code head} and the last {@code tail}, the ones between
 * counted but not kept. A trace's start says how its processes began and its end how they ended
 * (the exits attribution reads); a runaway loop in the middle costs a count, not the JVM's heap.
 * Not thread-safe.
 */
final class HeadTail {
  private final int head;
  private final int tail;
  private final List<String> first = new ArrayList<>();
  private final ArrayDeque<String> last = new ArrayDeque<>();
  private long dropped;
  private long lost;

  HeadTail(int head, int tail) {
    this.head = head;
    this.tail = tail;
  }

  /**
   * Streams {@code file} line by line (UTF-8, malformed bytes replaced) through a new collector.
   */
  static HeadTail read(Path file, int head, int tail) throws IOException {
    HeadTail h = new HeadTail(head, tail);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        h.add(line);
      }
    }
    return h;
  }

  void add(String line) {
    if (first.size() < head) {
      first.add(line);
      return;
    }
    if (tail == 0) {
      dropped++;
      return;
    }
    if (last.size() == tail) {
      last.removeFirst();
      dropped++;
    }
    last.addLast(line);
  }

  /** The kept lines, in order: the head, then the tail. */
  List<String> lines() {
    List<String> out = new ArrayList<>(first.size() + last.size());
    out.addAll(first);
    out.addAll(last);
    return List.copyOf(out);
  }

  /** Counts {@code n} lines that never reached this collector (lost before it). */
  void lose(long n) {
    lost += n;
  }

  /** How many lines were lost before they reached this collector. */
  long lost() {
    return lost;
  }

  /** How many lines between the head and the tail were left out. */
  long dropped() {
    return dropped;
  }
}
