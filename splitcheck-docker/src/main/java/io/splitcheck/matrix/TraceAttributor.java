package io.splitcheck.matrix;

import io.splitcheck.seccomp.Attribution;
import io.splitcheck.seccomp.CellRestrictions;
import io.splitcheck.seccomp.Culprit;
import io.splitcheck.seccomp.StraceTraceability;
import io.splitcheck.trace.FailedSyscall;
import io.splitcheck.trace.Trace;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Attributor} and {@link MatrixRunner.TraceGate} over the strace parser and attribution. */
public final class TraceAttributor implements Attributor, MatrixRunner.TraceGate {
  private final Map<String, CellRestrictions> restrictions;
  private final String arch;
  private KubeCauses kubeCauses;

  /**
   * @param restrictions per cell name
   * @param arch the image's architecture, e.g. {@code amd64}
   */
  public TraceAttributor(Map<String, CellRestrictions> restrictions, String arch) {
    this.restrictions = Map.copyOf(restrictions);
    this.arch = arch;
  }

  /**
   * Also names the causes a pod brings (user, pids, file-capability) with evidence from the image.
   */
  public TraceAttributor withKubeCauses(KubeCauses causes) {
    this.kubeCauses = causes;
    return this;
  }

  @Override
  public Optional<String> untraceable(Cell cell) {
    return StraceTraceability.untraceable(restrictionsOf(cell.name()), arch);
  }

  @Override
  public List<FailedSyscall> failures(CellTrace trace) {
    return parse(trace, "trace").failures().stream()
        .map(TraceAttributor::count)
        .sorted(Comparator.comparing(FailedSyscall::name).thenComparing(FailedSyscall::errno))
        .toList();
  }

  @Override
  public List<Culprit> culprits(CellTrace baseline, CellTrace cellTrace, Cell cell) {
    List<Culprit> found =
        Attribution.culprits(
            parse(baseline, "baseline trace"),
            parse(cellTrace, "trace of " + cell.name()),
            restrictionsOf(cell.name()),
            arch);
    if (kubeCauses != null) {
      found = kubeCauses.refine(found, parse(cellTrace, "trace of " + cell.name()), cell);
    }
    return List.copyOf(found);
  }

  private CellRestrictions restrictionsOf(String cell) {
    CellRestrictions r = restrictions.get(cell);
    if (r == null) {
      throw new IllegalArgumentException("no restrictions known for cell '" + cell + "'");
    }
    return r;
  }

  private static Trace parse(CellTrace t, String source) {
    return Trace.parse(t.lines(), source);
  }

  private static FailedSyscall count(FailedSyscall f) {
    return new FailedSyscall(f.name(), f.errno(), f.count());
  }
}
