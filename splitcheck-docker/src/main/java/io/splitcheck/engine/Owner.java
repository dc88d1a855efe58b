package io.splitcheck.engine;

import java.util.Optional;

/**
 * Who created an engine object, in terms that still mean something from another PID namespace or
 * another machine: the kernel's boot id, the inode of the creator's PID namespace, its pid inside
 * that namespace and its start time (clock ticks since boot, which tells a pid reused after the
 * creator died from the creator itself). Written as one label, {@code <boot id>/<pid ns
 * inode>/<pid>/<start ticks>}.
 *
 * @param bootId {@code /proc/sys/kernel/random/boot_id}; shared by every namespace of one kernel
 * @param pidNamespace the inode of {@code /proc/self/ns/pid}
 * @param pid the pid inside that namespace
 * @param startTicks field 22 of {@code /proc/self/stat}
 */
public record Owner(String bootId, long pidNamespace, long pid, long startTicks) {
  /** The inode of the kernel's initial PID namespace (PROC_PID_INIT_INO): it sees every process. */
  public static final long INITIAL_PID_NAMESPACE = 0xEFFFFFFCL;

  public Owner {
    if (bootId == null || bootId.isBlank() || bootId.contains("/")) {
      throw new IllegalArgumentException("Error parsing owner boot id '" + bootId + "'");
    }
  }

  /** This process, read from {@code /proc}; empty where there is none (not Linux). */
  public static Optional<Owner> current() {
    return Current.OWNER;
  }

  /** The label value. */
  public String label() {
    return bootId + "/" + pidNamespace + "/" + pid + "/" + startTicks;
  }

  /** Reads a label value back; empty when it is missing or not one splitcheck wrote. */
  public static Optional<Owner> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String[] p = label.split("/");
    if (p.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Owner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Read once: the answers cannot change while the process lives. */
  private static final class Current {
    static final Optional<Owner> OWNER = ProcessTable.host().self();
  }
}
