package io.splitcheck.matrix;

import io.splitcheck.k8s.OutcomeCauses;
import io.splitcheck.seccomp.Culprit;
import java.util.ArrayList;
import java.util.List;

/** The culprits a cell's outcome shows without a trace: the kubelet's refusal and the OOM kill. */
final class OutcomeCulprits {
  private OutcomeCulprits() {}

  static List<Culprit> of(CellResult result, Cell cell) {
    List<Culprit> out = new ArrayList<>();
    OutcomeCauses.runAsNonRoot(result.startError()).ifPresent(out::add);
    OutcomeCauses.memory(
            result.outcome().oomKilled(),
            result.outcome().exitCode(),
            cell.security().pod().limits().memoryBytes(),
            result.memoryPeak())
        .ifPresent(out::add);
    return out;
  }
}
