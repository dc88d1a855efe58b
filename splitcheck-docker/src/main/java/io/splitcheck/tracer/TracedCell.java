package io.splitcheck.tracer;

import io.splitcheck.engine.EngineException;
import java.util.List;

/**
 * One cell under the eBPF tracer: run it with {@link #cgroupParent()} as the engine's
 * --cgroup-parent, then {@link #stop()} returns its records (the program's output lines whose cell
 * id is {@link #id()}).
 */
public final class TracedCell {
  /** Waits for and returns the records of a cell. */
  interface Collect {
    BpfOutput.Records collect(long id) throws EngineException;

    /** Stops keeping cell {@code id}'s records without waiting for them. */
    default void drop(long id) {}
  }

  private final Collect tracer;
  private final String cgroupParent;
  private final long id;
  private final Runnable remove;
  private long dropped;
  private long lost;

  TracedCell(Collect tracer, String cgroupParent, long id, Runnable remove) {
    this.tracer = tracer;
    this.cgroupParent = cgroupParent;
    this.id = id;
    this.remove = remove;
  }

  public String cgroupParent() {
    return cgroupParent;
  }

  /** The id (inode number) of the cell's cgroup directory, as its records carry it. */
  public long id() {
    return id;
  }

  /**
   * Waits until the records made so far have been read, stops keeping this cell's and returns them
   * (the first {@link EbpfTracer#RECORDS_HEAD} and last {@link EbpfTracer#RECORDS_TAIL}; {@link
   * #dropped()} says how many between were left out).
   */
  public List<String> stop() throws EngineException {
    try {
      BpfOutput.Records r = tracer.collect(id);
      dropped = r.dropped();
      lost = r.lost();
      return r.lines();
    } finally {
      remove.run();
    }
  }

  /** Lets the cell's records go unread and removes its directory (its client went away). */
  void abandon() {
    try {
      tracer.drop(id);
    } finally {
      remove.run();
    }
  }

  /**
   * How many records bpftrace said it lost ("Lost N events": its perf buffer overflowed) while this
   * cell was open; it cannot say whose they were, so every cell open then counts them.
   */
  public long lost() {
    return lost;
  }

  /** How many records between the head and the tail {@link #stop()} left out. */
  public long dropped() {
    return dropped;
  }
}
