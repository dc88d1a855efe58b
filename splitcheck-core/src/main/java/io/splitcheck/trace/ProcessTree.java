package io.splitcheck.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The processes of a trace, from its clone/fork/vfork, execve and exit events: which thread belongs
 * to which process, each process's parent, what it ran at a given line, how it ended, and which
 * chain of processes decided the entrypoint's exit.
 */
public final class ProcessTree {

  private static final Set<String> FORKS = Set.of("clone", "clone3", "fork", "vfork");
  private static final Pattern CHILD = Pattern.compile("^\\d+$");

  private record Exec(int line, String executable, String argv0) {}

  private final Map<Integer, Integer> processOfThread = new HashMap<>();
  private final Map<Integer, Integer> parent = new TreeMap<>();
  private final Map<Integer, Integer> forkLine = new HashMap<>();
  private final Map<Integer, List<Exec>> execs = new HashMap<>();
  private final Map<Integer, Integer> lastLine = new HashMap<>();
  private final Trace trace;
  private final int root;

  private ProcessTree(Trace trace) {
    this.trace = trace;
    this.root = trace.rootPid().orElse(0);
    for (SyscallEvent e : trace.events()) {
      if (FORKS.contains(e.name()) && CHILD.matcher(e.result()).matches()) {
        int child = Integer.parseInt(e.result());
        boolean thread = e.arguments().contains("CLONE_THREAD");
        int p = processOf(e.pid());
        processOfThread.put(child, thread ? p : child);
        if (!thread) {
          parent.put(child, p);
          forkLine.put(child, e.line());
        }
      }
    }
    for (SyscallEvent e : trace.events()) {
      int p = processOf(e.pid());
      lastLine.merge(p, e.line(), Math::max);
      if (e.name().equals("execve") && e.result().equals("0")) {
        String exe = SyscallArguments.path(e).orElse(null);
        execs
            .computeIfAbsent(p, k -> new ArrayList<>())
            .add(new Exec(e.line(), exe, SyscallArguments.argv0(e).orElse(null)));
      }
    }
  }

  public static ProcessTree of(Trace trace) {
    return new ProcessTree(trace);
  }

  /**
   * The process (thread-group id) a thread id belongs to; a tid never seen created is its own
   * process.
   */
  public int processOf(int tid) {
    Integer p = processOfThread.get(tid);
    return p == null || p == tid ? tid : processOf(p);
  }

  public OptionalInt parent(int pid) {
    Integer p = parent.get(processOf(pid));
    return p == null ? OptionalInt.empty() : OptionalInt.of(p);
  }

  /**
   * What {@code tid}'s process ran at {@code line}: its last execve before it, else its parent's at
   * the fork.
   */
  public ProcessInfo at(int tid, int line) {
    int p = processOf(tid);
    Exec last = null;
    for (Exec x : execs.getOrDefault(p, List.of())) {
      if (x.line() <= line) {
        last = x;
      }
    }
    if (last != null) {
      return new ProcessInfo(p, last.executable(), last.argv0());
    }
    Integer pp = parent.get(p);
    if (pp == null) {
      return new ProcessInfo(p, null, null);
    }
    ProcessInfo inherited = at(pp, forkLine.get(p));
    return new ProcessInfo(p, inherited.executable(), inherited.argv0());
  }

  /**
   * The process's ancestors, the entrypoint first, each as it was when it forked the next; without
   * itself.
   */
  public List<ProcessInfo> ancestry(int tid) {
    List<ProcessInfo> chain = new ArrayList<>();
    int p = processOf(tid);
    while (parent.containsKey(p)) {
      int pp = parent.get(p);
      chain.add(at(pp, forkLine.get(p)));
      p = pp;
    }
    Collections.reverse(chain);
    return List.copyOf(chain);
  }

  /** Whether the process of {@code tid} is {@code ancestor} or was started by it, at any depth. */
  public boolean descendsFrom(int tid, int ancestor) {
    int p = processOf(tid);
    for (int hops = 0; hops <= parent.size(); hops++) { // bounded: a reused pid may make a loop
      if (p == ancestor) {
        return true;
      }
      if (!parent.containsKey(p)) {
        return false;
      }
      p = parent.get(p);
    }
    return false;
  }

  /**
   * Non-zero exit status or killed by a signal, as the log shows it; empty when it shows neither.
   */
  public boolean failed(int pid) {
    Integer code = trace.exitCodes().get(pid);
    return trace.killedBy().containsKey(pid) || code != null && code != 0;
  }

  /**
   * The processes whose exits decided the outcome, the entrypoint first: from each process, the
   * child that failed last before it ended (preferring one whose exit status it passed on), down to
   * a process none of whose children failed.
   */
  public List<Integer> decisiveChain() {
    List<Integer> chain = new ArrayList<>();
    int p = root;
    while (true) {
      chain.add(p);
      Optional<Integer> next = decisiveChild(p);
      if (next.isEmpty() || chain.contains(next.get())) {
        return List.copyOf(chain);
      }
      p = next.get();
    }
  }

  private Optional<Integer> decisiveChild(int p) {
    Integer code = trace.exitCodes().get(p);
    Integer best = null;
    boolean bestPassedOn = false;
    for (Map.Entry<Integer, Integer> e : parent.entrySet()) {
      int child = e.getKey();
      if (e.getValue() != p || !failed(child)) {
        continue;
      }
      boolean passedOn = code != null && code.equals(trace.exitCodes().get(child));
      boolean later =
          best == null || lastLine.getOrDefault(child, 0) > lastLine.getOrDefault(best, 0);
      if (best == null || passedOn && !bestPassedOn || passedOn == bestPassedOn && later) {
        best = child;
        bestPassedOn = passedOn;
      }
    }
    return Optional.ofNullable(best);
  }
}
