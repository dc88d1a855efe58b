package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cache.*}: the share of steps a build took from the cache, and, for two builds differing in
 * one build argument, the steps that re-ran without referencing it (an ARG declared too early puts
 * it in the environment of every later RUN, so every later step re-runs).
 */
public final class CacheRules implements AuditRule {
  @Override
  public List<Finding> check(AuditInput in) {
    List<Finding> out = new ArrayList<>();
    List<BuildLog> logs = new ArrayList<>(in.buildLogs());
    if (in.cacheCheck() != null) {
      logs.add(in.cacheCheck().second());
    }
    for (BuildLog log : logs) {
      List<BuildLog.Step> steps = log.cacheableSteps();
      long cached = steps.stream().filter(BuildLog.Step::cached).count();
      String first =
          steps.stream()
              .filter(s -> !s.cached())
              .map(BuildLog.Step::instruction)
              .findFirst()
              .orElse(null);
      out.add(
          Finding.of(
              "cache.hit-ratio",
              String.format(
                  Locale.ROOT,
                  "%d of %d steps CACHED (%.0f%%)%s",
                  cached,
                  steps.size(),
                  steps.isEmpty() ? 100.0 : 100.0 * cached / steps.size(),
                  first == null ? "" : "; first re-run: " + first),
              Evidence.NONE.withStep(first).withPath(log.source())));
    }
    if (in.cacheCheck() != null) {
      out.addAll(needless(in.cacheCheck(), in.dockerfile()));
    }
    return out;
  }

  private static List<Finding> needless(AuditInput.CacheCheck check, Dockerfile df) {
    List<Finding> out = new ArrayList<>();
    Map<String, Boolean> chain =
        new HashMap<>(); // stage -> true when its first re-run step was needless
    for (BuildLog.Step s : check.second().cacheableSteps()) {
      if (s.cached()) {
        continue;
      }
      String stage = String.valueOf(s.stage());
      Optional<Instruction> ins = StepLocator.forLogStep(df, s);
      boolean references =
          ins.map(i -> i.variableReferences().contains(check.arg()))
              .orElse(s.instruction().contains(check.secondValue()));
      Boolean state = chain.get(stage);
      if (references || Boolean.FALSE.equals(state)) {
        chain.putIfAbsent(stage, false); // later steps depend on a step that legitimately re-ran
        continue;
      }
      String why =
          state == null
              ? "re-ran when "
                  + check.arg()
                  + " changed ("
                  + check.firstValue()
                  + " -> "
                  + check.secondValue()
                  + ") but does not reference it: the ARG is in scope too early; declare it right before its first use"
              : "re-ran only because an earlier needlessly invalidated step re-ran; it does not reference "
                  + check.arg();
      chain.put(stage, true);
      Evidence ev = Evidence.NONE.withStep(s.instruction());
      out.add(
          Finding.of(
              "cache.needless-invalidation",
              "["
                  + (s.stage() == null ? "" : s.stage() + " ")
                  + s.index()
                  + "/"
                  + s.total()
                  + "] "
                  + why,
              ins.map(i -> ev.withLine(i.line())).orElse(ev)));
    }
    return out;
  }
}
