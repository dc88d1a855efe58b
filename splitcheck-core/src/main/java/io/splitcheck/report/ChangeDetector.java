package io.splitcheck.report;

import io.splitcheck.audit.Finding;
import io.splitcheck.diff.Difference;
import io.splitcheck.report.Changes.Drift;
import io.splitcheck.report.Changes.FindingChange;
import io.splitcheck.report.Changes.Regression;
import io.splitcheck.report.Changes.SplitChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares two runs (pure). Splits, findings and verdicts are compared only for scenarios present
 * in both runs (scenarios that came or went are listed as such); base drift over every scenario.
 */
public final class ChangeDetector {
  /** Twice verdicts from best to worst. */
  static final List<String> VERDICT_ORDER =
      List.of("reproducible", "config-only", "mtime-only", "metadata", "content");

  public Changes compare(RunReport previous, RunReport current) {
    if (previous == null) {
      return new Changes(
          null,
          current.runId(),
          names(current),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          drifts(null, current));
    }
    Map<String, ScenarioReport> before = byName(previous);
    Map<String, ScenarioReport> now = byName(current);
    List<SplitChange> newSplits = new ArrayList<>();
    List<SplitChange> fixedSplits = new ArrayList<>();
    List<FindingChange> newFindings = new ArrayList<>();
    List<FindingChange> fixedFindings = new ArrayList<>();
    List<Regression> regressions = new ArrayList<>();
    for (Map.Entry<String, ScenarioReport> e : now.entrySet()) {
      ScenarioReport old = before.get(e.getKey());
      if (old == null) {
        continue;
      }
      splits(old, e.getValue(), newSplits, fixedSplits);
      findings(e.getKey(), old.audit(), e.getValue().audit(), newFindings);
      findings(e.getKey(), e.getValue().audit(), old.audit(), fixedFindings);
      regression(old, e.getValue()).ifPresent(regressions::add);
    }
    List<String> added = now.keySet().stream().filter(n -> !before.containsKey(n)).toList();
    List<String> removed = before.keySet().stream().filter(n -> !now.containsKey(n)).toList();
    return new Changes(
        previous.runId(),
        current.runId(),
        added,
        removed,
        newSplits,
        fixedSplits,
        newFindings,
        fixedFindings,
        regressions,
        drifts(previous, current));
  }

  private static void splits(
      ScenarioReport old, ScenarioReport now, List<SplitChange> added, List<SplitChange> fixed) {
    if (old.matrix() == null || now.matrix() == null) {
      return;
    }
    for (MatrixResult.Split s : now.matrix().splits()) {
      if (old.matrix().split(s.config()).isEmpty()) {
        added.add(new SplitChange(now.name(), s.config(), Texts.splitLine(now.matrix(), s)));
      }
    }
    for (MatrixResult.Split s : old.matrix().splits()) {
      boolean stillRan = now.matrix().cell(s.config()).isPresent();
      if (stillRan && now.matrix().split(s.config()).isEmpty()) {
        fixed.add(new SplitChange(now.name(), s.config(), Texts.splitLine(old.matrix(), s)));
      }
    }
  }

  /**
   * Findings of {@code in} that {@code notIn} does not have, by {@link FindingIdentity}: rule and
   * stable path.
   */
  private static void findings(
      String scenario, AuditResult notIn, AuditResult in, List<FindingChange> out) {
    if (notIn == null || in == null) {
      return;
    }
    Function<Finding, String> key = FindingIdentity::of; // no temp folders or run ids in it
    Set<String> known = notIn.findings().stream().map(key).collect(Collectors.toSet());
    in.findings().stream()
        .filter(f -> !known.contains(key.apply(f)))
        .sorted(Comparator.comparing(key))
        .forEach(
            f ->
                out.add(
                    new FindingChange(
                        scenario,
                        f.rule(),
                        f.severity().label(),
                        f.evidence() == null ? null : f.evidence().path(),
                        f.message())));
  }

  private static Optional<Regression> regression(ScenarioReport old, ScenarioReport now) {
    if (old.twice() == null || now.twice() == null) {
      return Optional.empty();
    }
    int before = VERDICT_ORDER.indexOf(old.twice().verdict().id());
    int after = VERDICT_ORDER.indexOf(now.twice().verdict().id());
    if (before < 0 || after <= before) {
      return Optional.empty();
    }
    List<String> paths =
        now.twice().differences().stream().map(Difference::path).distinct().sorted().toList();
    return Optional.of(
        new Regression(now.name(), old.twice().verdict().id(), now.twice().verdict().id(), paths));
  }

  private static List<Drift> drifts(RunReport previous, RunReport current) {
    if (previous == null) {
      return List.of();
    }
    Map<String, String> before = digests(previous);
    Map<String, TreeSet<String>> users = new TreeMap<>();
    Map<String, String> now = new TreeMap<>();
    for (ScenarioReport s : current.scenarios()) {
      for (ScenarioReport.BaseImage b : s.bases()) {
        now.put(b.tag(), b.digest());
        users.computeIfAbsent(b.tag(), t -> new TreeSet<>()).add(s.name());
      }
    }
    List<Drift> out = new ArrayList<>();
    now.forEach(
        (tag, digest) -> {
          String old = before.get(tag);
          if (old != null && !old.equals(digest)) {
            out.add(new Drift(tag, old, digest, List.copyOf(users.get(tag))));
          }
        });
    return out;
  }

  private static Map<String, String> digests(RunReport run) {
    Map<String, String> out = new TreeMap<>();
    run.scenarios().forEach(s -> s.bases().forEach(b -> out.put(b.tag(), b.digest())));
    return out;
  }

  private static Map<String, ScenarioReport> byName(RunReport run) {
    Map<String, ScenarioReport> out = new TreeMap<>();
    run.scenarios().forEach(s -> out.put(s.name(), s));
    return out;
  }

  private static List<String> names(RunReport run) {
    return new ArrayList<>(byName(run).keySet());
  }
}
