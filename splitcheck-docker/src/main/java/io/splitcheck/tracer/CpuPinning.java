package io.splitcheck.tracer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a process on one CPU: the calling thread's affinity is narrowed while it spawns (a child
 * inherits the spawning thread's CPU mask) and restored at once. The eBPF tracer's flush starts one
 * marker per CPU, because bpftrace reads each CPU's buffer in order but not the CPUs in the order
 * the records were made.
 */
final class CpuPinning {
  private static final int WORDS = 16; // 1024 CPUs

  interface LibC extends Library {
    int sched_getaffinity(int pid, NativeLong size, long[] mask);

    int sched_setaffinity(int pid, NativeLong size, long[] mask);
  }

  private static final LibC LIBC = load();

  private CpuPinning() {}

  private static LibC load() {
    try {
      return Native.load("c", LibC.class);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /** The CPUs this thread may run on; empty when the C library cannot say. */
  static List<Integer> cpus() {
    long[] mask = new long[WORDS];
    if (LIBC == null || LIBC.sched_getaffinity(0, size(), mask) < 0) {
      return List.of();
    }
    List<Integer> cpus = new ArrayList<>();
    for (int cpu = 0; cpu < WORDS * 64; cpu++) {
      if ((mask[cpu / 64] & (1L << (cpu % 64))) != 0) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  /** {@code command} started on {@code cpu} (anywhere, when the affinity cannot be set). */
  static synchronized Process startOn(int cpu, String... command) throws IOException {
    long[] saved = new long[WORDS];
    boolean pinned = LIBC != null && LIBC.sched_getaffinity(0, size(), saved) >= 0;
    if (pinned) {
      long[] one = new long[WORDS];
      one[cpu / 64] = 1L << (cpu % 64);
      pinned = LIBC.sched_setaffinity(0, size(), one) == 0;
    }
    try {
      return new ProcessBuilder(command).start();
    } finally {
      if (pinned) {
        LIBC.sched_setaffinity(0, size(), saved);
      }
    }
  }

  private static NativeLong size() {
    return new NativeLong(WORDS * 8L);
  }
}
