package io.splitcheck.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The processes one {@code /proc} shows, asked whether an {@link Owner} is still alive. The answer
 * is {@link Liveness.State#DEAD} only when it is proven: the owner's pid namespace is this one and
 * the pid is gone or belongs to a process started at another time; or the namespace is another one
 * on this kernel and this {@code /proc} sees every process (the initial namespace), and no process
 * in it is the owner. Another kernel (another machine, or before a reboot) cannot be asked:
 * unknown.
 */
public final class ProcessTable {
  private final Path proc;

  /**
   * @param proc a {@code /proc} to read (a fixture directory in tests)
   */
  public ProcessTable(Path proc) {
    this.proc = proc;
  }

  public static ProcessTable host() {
    return new ProcessTable(Path.of("/proc"));
  }

  /** The process reading this {@code /proc} ({@code self}). */
  public Optional<Owner> self() {
    try {
      String boot =
          Files.readString(proc.resolve("sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
              .strip();
      Path self = proc.resolve("self").toRealPath();
      long pid = Long.parseLong(self.getFileName().toString());
      return Optional.of(
          new Owner(boot, namespaceOf(self).orElseThrow(), pid, startTicks(self).orElseThrow()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code owner} still runs, as far as this {@code /proc} can prove. */
  public Liveness check(Owner owner) {
    Optional<Owner> me = self();
    if (me.isEmpty()) {
      return Liveness.unknown("this host has no readable /proc");
    }
    if (!me.get().bootId().equals(owner.bootId())) {
      return Liveness.unknown(
          "created under another kernel (another machine, or before a reboot: boot id "
              + owner.bootId()
              + ")");
    }
    if (me.get().pidNamespace() == owner.pidNamespace()) {
      Path dir = proc.resolve(Long.toString(owner.pid()));
      return startTicks(dir).filter(t -> t == owner.startTicks()).isPresent()
          ? Liveness.alive("pid " + owner.pid() + " runs")
          : Liveness.dead("pid " + owner.pid() + " has ended");
    }
    return inOtherNamespace(owner, me.get().pidNamespace() == Owner.INITIAL_PID_NAMESPACE);
  }

  /**
   * Looks for the owner among the processes of its namespace, by their pid there (NSpid's last).
   */
  private Liveness inOtherNamespace(Owner owner, boolean seesAll) {
    String where = "pid " + owner.pid() + " in pid namespace " + owner.pidNamespace();
    boolean unreadable = false;
    boolean namespaceSeen = false;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path dir : dirs) {
        Optional<Long> ns = namespaceOf(dir);
        if (ns.isEmpty()) {
          // a link this process may not read (a container's init): its NSpid still says whether it
          // lives in the initial namespace only, which is not the owner's; a process gone meanwhile
          // is no doubt
          boolean initialOnly = seesAll && nsPids(dir).filter(n -> n.length == 1).isPresent();
          unreadable |= !initialOnly && Files.exists(dir.resolve("stat"));
          continue;
        }
        if (ns.get() != owner.pidNamespace()) {
          continue;
        }
        namespaceSeen = true;
        if (innermostPid(dir).filter(p -> p == owner.pid()).isPresent()) {
          return startTicks(dir).filter(t -> t == owner.startTicks()).isPresent()
              ? Liveness.alive(where + " runs (host pid " + dir.getFileName() + ")")
              : Liveness.dead(where + " is another process now");
        }
      }
    } catch (IOException e) {
      return Liveness.unknown("cannot list " + proc + ": " + e.getMessage());
    }
    if (namespaceSeen && !unreadable) {
      return Liveness.dead(where + " has ended (its namespace lives on)");
    }
    if (seesAll && !unreadable) {
      return Liveness.dead(where + " has ended with its namespace");
    }
    return Liveness.unknown(where + " cannot be seen from this pid namespace");
  }

  /** The inode in {@code pid:[4026531836]}, the link {@code ns/pid} of a process. */
  static Optional<Long> namespaceOf(Path processDir) {
    try {
      String link = Files.readSymbolicLink(processDir.resolve("ns/pid")).toString();
      if (link.startsWith("pid:[") && link.endsWith("]")) {
        return Optional.of(Long.parseLong(link.substring(5, link.length() - 1)));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Field 22 of {@code stat}: counted after the command name's closing parenthesis, which may hold
   * spaces.
   */
  static Optional<Long> startTicks(Path processDir) {
    try {
      String stat = Files.readString(processDir.resolve("stat"), StandardCharsets.UTF_8);
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(rest[19]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The last pid of the {@code NSpid:} line of {@code status}: the pid in the process's own
   * namespace.
   */
  static Optional<Long> innermostPid(Path processDir) {
    return nsPids(processDir).map(pids -> Long.parseLong(pids[pids.length - 1]));
  }

  /**
   * The {@code NSpid:} line of {@code status}: the process's pid in each namespace, outermost
   * first.
   */
  static Optional<String[]> nsPids(Path processDir) {
    try {
      for (String line : Files.readAllLines(processDir.resolve("status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("NSpid:")) {
          return Optional.of(line.substring(6).strip().split("\\s+"));
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
