package io.splitcheck.trace.bpf;

import io.splitcheck.seccomp.Errnos;
import io.splitcheck.trace.SyscallArguments;
import io.splitcheck.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the output of splitcheck's bpftrace program ({@code bpf/failures.bt} in splitcheck-docker):
 * the records of one cell, selected by its cgroup directory's id, rewritten in the strace form the
 * {@link Trace} parser reads, so that one attribution serves both tracers. What the records cannot
 * say is left out: arguments other than paths and O_CREAT ({@code ?}), and successful calls other
 * than forks and execs.
 *
 * <p>Records are taken in the order they were made (each carries its time): bpftrace reads each
 * CPU's buffer in order but not the CPUs, so a shell that moved to the other CPU after its exec had
 * its first failing calls read before the exec, and a forked child's before its fork.
 *
 * <p>runc's own start-up in the container (runc init and its threads, before it execs the
 * entrypoint) is told apart from the workload: records before the first exec of a program other
 * than runc itself ({@code /dev/fd/N}, {@code /proc/self/exe}) and records of processes not
 * descended from that exec are dropped.
 */
public final class BpfTraceLog {

  private static final int O_CREAT = 0100;
  private static final String[] SIGNALS = {
    "0",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS"
  };

  private final String source;
  private final List<BpfRecord> records;
  private final boolean running;

  BpfTraceLog(String source, List<BpfRecord> records) {
    this(source, records, false);
  }

  private BpfTraceLog(String source, List<BpfRecord> records, boolean running) {
    this.source = source;
    this.records = List.copyOf(records);
    this.running = running;
  }

  /**
   * The records of an already running container's cgroup {@code cell} ({@code splitcheck trace
   * CONTAINER}): no start-up to tell apart, every record is the workload's.
   */
  public static BpfTraceLog ofRunning(List<String> lines, long cell, String source) {
    return new BpfTraceLog(source, of(lines, cell, source).records, true);
  }

  /**
   * The cell id of a record's second field, {@code CELL@NSECS} ({@code CELL} in an older program's
   * output).
   *
   * @throws NumberFormatException when it is neither
   */
  public static long cellId(String field) {
    int at = field.indexOf('@');
    return Long.parseLong(at < 0 ? field : field.substring(0, at));
  }

  /**
   * The records of the cell whose cgroup directory has id {@code cell}, from the program's output
   * lines.
   */
  public static BpfTraceLog of(List<String> lines, long cell, String source) {
    List<BpfRecord> mine = new ArrayList<>();
    int n = 0;
    for (String line : lines) {
      n++;
      BpfRecord r = BpfRecord.parse(line, n, source);
      if (r != null && r.cell() == cell) {
        mine.add(r);
      }
    }
    if (mine.stream().allMatch(r -> r.nanos() >= 0)) {
      // in the order they were made, not read: a stable sort keeps an N right after its E
      mine.sort(Comparator.comparingLong(BpfRecord::nanos));
    }
    return new BpfTraceLog(source, mine);
  }

  /**
   * The workload's records as strace lines ({@code -f} form, pid column = thread id); empty when it
   * never ran.
   */
  public List<String> straceLines() {
    int start = running ? 0 : workloadStart();
    if (start < 0 || records.isEmpty()) {
      return List.of();
    }
    Map<Integer, Integer> tgidOf = new HashMap<>();
    records.forEach(r -> tgidOf.putIfAbsent(r.tid(), r.tgid()));
    Set<Integer> workload = new HashSet<>(Set.of(records.get(start).tgid()));
    Set<Integer> runcThreads = threadsBefore(start);
    List<String> out = new ArrayList<>();
    for (int i = start; i < records.size(); i++) {
      BpfRecord r = records.get(i);
      if (!running && !workload.contains(r.tgid())) {
        continue;
      }
      if (r.tid() != r.tgid() && runcThreads.contains(r.tid())) {
        continue; // a runc init thread's call, read after the exec that ended it (per-CPU buffers)
      }
      if (r.kind() == 'F') {
        workload.add(tgidOf.getOrDefault(r.child(), r.child()));
      }
      if (r.kind() == 'E' && -r.ret() >= KERNEL_RESTART_MIN && -r.ret() <= KERNEL_RESTART_MAX) {
        continue; // ERESTARTSYS and friends: the kernel restarts the call, user space never sees it
      }
      String line = strace(r, tgidOf, i + 1 < records.size() ? records.get(i + 1) : null);
      if (line != null) {
        out.add(r.tid() + "  " + line);
      }
    }
    return List.copyOf(out);
  }

  /**
   * A failing call of the runtime's after it asked the kernel to load the cell's seccomp filter.
   *
   * @param tid the thread that made it (the one that loaded the filter, or a child it forked after)
   * @param comm its comm, {@code runc:[2:INIT]} for runc
   * @param syscall the call's name
   * @param errno the errno it returned
   */
  public record FilteredCall(int tid, String comm, String syscall, int errno) {}

  /**
   * The failing calls made, before the workload's exec (or in a cell that never got there), by a
   * thread after its last request to load a seccomp filter ({@code S} record) and by the processes
   * it forked after it: the calls the runtime makes under the cell's profile on its way to the
   * exec. One per thread, syscall and errno, in the order first made. Which of them the profile
   * denied is for the caller to decide, by the profile: a failure such as epoll_ctl's EPERM on a
   * fifo is not the filter's.
   */
  public List<FilteredCall> callsAfterFilterLoad() {
    int end = workloadStart();
    end = end < 0 ? records.size() : end;
    // the last request of each thread loads the filter: libseccomp's probes before it
    // (seccomp(SECCOMP_SET_MODE_FILTER, flags, NULL), EFAULT) ask the same and load nothing
    Map<Integer, Integer> lastRequest = new HashMap<>();
    for (int i = 0; i < end; i++) {
      if (records.get(i).kind() == 'S') {
        lastRequest.put(records.get(i).tid(), i);
      }
    }
    Set<Integer> filtered = new HashSet<>();
    Set<String> seen = new HashSet<>();
    List<FilteredCall> out = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      BpfRecord r = records.get(i);
      if (r.kind() == 'S') {
        if (lastRequest.get(r.tid()) == i) {
          filtered.add(r.tid());
        }
      } else if (r.kind() == 'F' && filtered.contains(r.tid())) {
        filtered.add(r.child());
      } else if (r.kind() == 'E'
          && filtered.contains(r.tid())
          && (-r.ret() < KERNEL_RESTART_MIN || -r.ret() > KERNEL_RESTART_MAX)) {
        String name = SyscallNames.name(r.nr());
        if (seen.add(r.tid() + " " + name + " " + r.ret())) {
          out.add(new FilteredCall(r.tid(), r.comm(), name, -r.ret()));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@link #straceLines()} parsed; a cell whose workload never ran gives an error naming the
   * source.
   */
  public Trace trace() {
    return Trace.parse(straceLines(), source);
  }

  /**
   * The threads (tid other than its tgid) that existed before the workload's exec: the exec ended
   * them, so a record of theirs that comes after it is runc's, read late from another CPU's buffer.
   */
  private Set<Integer> threadsBefore(int start) {
    Set<Integer> threads = new HashSet<>();
    for (int i = 0; i < start; i++) {
      BpfRecord r = records.get(i);
      if (r.tid() != r.tgid()) {
        threads.add(r.tid());
      }
      if (r.kind() == 'F') {
        threads.add(r.child());
      }
    }
    threads.remove(records.get(start).tgid());
    return threads;
  }

  private int workloadStart() {
    for (int i = 0; i < records.size(); i++) {
      BpfRecord r = records.get(i);
      if (r.kind() == 'X'
          && !r.text().startsWith("/dev/fd/")
          && !r.text().equals("/proc/self/exe")) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The kernel-internal restart codes (ERESTARTSYS 512 .. ERESTART_RESTARTBLOCK 516, and the
   * NFS/ioctl internals up to 530) that {@code sys_exit} shows before a signal handler runs:
   * strace, in user space, never reports them, so neither does this log.
   */
  static final int KERNEL_RESTART_MIN = 512;

  static final int KERNEL_RESTART_MAX = 530;

  private static String strace(BpfRecord r, Map<Integer, Integer> tgidOf, BpfRecord next) {
    return switch (r.kind()) {
      case 'E' -> {
        String name = SyscallNames.name(r.nr());
        String path2 =
            next != null && next.kind() == 'N' && next.tid() == r.tid() ? next.text() : null;
        boolean creat =
            (name.equals("openat") || name.equals("open")) && (r.flags() & O_CREAT) != 0
                || name.equals("creat");
        int errno = -r.ret();
        yield name
            + "("
            + SyscallArguments.synthesize(name, r.text(), path2, creat)
            + ") = -1 "
            + Errnos.name(errno).orElse("E" + errno)
            + " (bpf)";
      }
      case 'F' -> {
        boolean thread = tgidOf.getOrDefault(r.child(), r.child()) == r.tgid();
        yield "clone(" + (thread ? "flags=CLONE_THREAD" : "?") + ") = " + r.child();
      }
      case 'X' ->
          "execve("
              + SyscallArguments.quote(r.text())
              + ", ["
              + (r.argv0().isEmpty() ? "" : SyscallArguments.quote(callersArgv0(r)))
              + "], ?) = 0";
      case 'Q' -> r.tid() != r.tgid() ? null : exit(r.status());
      default -> null;
    };
  }

  /**
   * argv[0] as the caller passed it, as strace shows it. Read after the exec, a script's argv[0] is
   * the interpreter the kernel put in front ({@code /bin/sh} for {@code #!/bin/sh}, with the script
   * as argv[1]); the caller had named the script, which is the exec's filename.
   */
  private static String callersArgv0(BpfRecord r) {
    boolean interpreter = r.argv0().startsWith("/") && !r.argv0().equals(r.text());
    return interpreter ? r.text() : r.argv0();
  }

  private static String exit(int status) {
    int signal = status & 0x7f;
    if (signal != 0) {
      return "+++ killed by "
          + (signal < SIGNALS.length ? SIGNALS[signal] : "SIG" + signal)
          + " +++";
    }
    return "+++ exited with " + ((status >> 8) & 0xff) + " +++";
  }
}
