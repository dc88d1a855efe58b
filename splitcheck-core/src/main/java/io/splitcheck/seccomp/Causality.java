package io.splitcheck.seccomp;

import io.splitcheck.trace.ProcessTree;
import io.splitcheck.trace.SyscallArguments;
import io.splitcheck.trace.SyscallEvent;
import io.splitcheck.trace.Trace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Labels and ranks a cell's culprits by causality. Each culprit is a {@link Culprit#FALLBACK} when
 * its caller handled it ({@link Fallbacks}), a {@link Culprit#CONSEQUENCE} when it failed on a path
 * that an earlier failed call was to create, else a {@link Culprit#CAUSE}. Causes come first, then
 * consequences, then fallbacks; within each, failures of the process whose exit decided the outcome
 * first, then its ancestors' (the {@link ProcessTree#decisiveChain()} from the deepest up), then
 * other processes', each in trace order.
 */
final class Causality {

  /**
   * A culprit and its failing events in the cell's trace, in order. It is a cause when any of them
   * is, else a consequence when any is, else a fallback; the first event of that role stands for
   * it.
   */
  record Found(Culprit culprit, List<SyscallEvent> events) {
    Found {
      events = List.copyOf(events);
    }
  }

  private record Ranked(Culprit culprit, int role, int process, int line) {}

  private final Trace trace;
  private final ProcessTree tree;
  private final List<Integer> chain;

  /** {@code tree} is {@code trace}'s process tree. */
  Causality(Trace trace, ProcessTree tree) {
    this.trace = trace;
    this.tree = tree;
    this.chain = tree.decisiveChain();
  }

  List<Culprit> rank(List<Found> found) {
    List<Ranked> ranked = new ArrayList<>();
    for (Found f : found) {
      ranked.add(label(f));
    }
    ranked.sort(
        Comparator.comparingInt(Ranked::role)
            .thenComparingInt(Ranked::process)
            .thenComparingInt(Ranked::line));
    return ranked.stream().map(Ranked::culprit).toList();
  }

  private record Labelled(SyscallEvent event, String role, String reason, int rank) {}

  private Ranked label(Found f) {
    Labelled best = null;
    for (SyscallEvent each : f.events()) {
      Labelled l = label(each);
      if (best == null || l.rank() < best.rank()) {
        best = l;
      }
      if (best.rank() == 0) {
        break;
      }
    }
    SyscallEvent e = best.event();
    String role = best.role();
    String reason = best.reason();
    String path = SyscallArguments.path(e).orElse(null);
    Culprit c =
        f.culprit().with(role, reason, path, tree.at(e.pid(), e.line()), tree.ancestry(e.pid()));
    return new Ranked(c, best.rank(), processRank(tree.processOf(e.pid())), e.line());
  }

  private Labelled label(SyscallEvent e) {
    Optional<String> handled = Fallbacks.handled(trace, e);
    if (handled.isPresent()) {
      return new Labelled(e, Culprit.FALLBACK, handled.get(), 2);
    }
    Optional<SyscallEvent> origin = creationThatFailed(e);
    if (origin.isPresent()) {
      SyscallEvent o = origin.get();
      return new Labelled(
          e,
          Culprit.CONSEQUENCE,
          "consequence of "
              + o.name()
              + " = -1 "
              + o.errno()
              + " creating it (line "
              + o.line()
              + ")",
          1);
    }
    return new Labelled(e, Culprit.CAUSE, null, 0);
  }

  /**
   * The deepest process of the decisive chain ranks 0, its parent 1, ...; processes off the chain
   * last.
   */
  private int processRank(int pid) {
    int i = chain.indexOf(pid);
    return i < 0 ? chain.size() : chain.size() - 1 - i;
  }

  /** An earlier failed call, in any process, that was to create the path {@code e} failed on. */
  private Optional<SyscallEvent> creationThatFailed(SyscallEvent e) {
    Optional<String> path = SyscallArguments.path(e);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    for (SyscallEvent earlier : trace.events()) {
      if (earlier.line() >= e.line()) {
        break;
      }
      if (earlier.failed() && SyscallArguments.createdPath(earlier).equals(path)) {
        return Optional.of(earlier);
      }
    }
    return Optional.empty();
  }
}
