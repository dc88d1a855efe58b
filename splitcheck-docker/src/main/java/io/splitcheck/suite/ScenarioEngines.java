package io.splitcheck.suite;

import io.splitcheck.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the run's engines a scenario's {@code engines:} names: each kind ({@code docker-20.10},
 * {@code docker-26}, {@code podman}) to the first configured engine of that kind, in the scenario's
 * order. A kind no configured engine is is an error that names the scenario, the kind and what is
 * configured.
 *
 * @param kinds each configured engine's kind, in the run's order ({@code docker-20.10}, {@code
 *     podman})
 * @param hosts their URLs, for the message
 */
record ScenarioEngines(List<String> kinds, List<String> hosts) {
  ScenarioEngines {
    kinds = List.copyOf(kinds);
    hosts = List.copyOf(hosts);
  }

  /** The indexes of the run's engines the scenario runs its matrix on; empty when it names none. */
  List<Integer> select(Scenario s) {
    List<Integer> out = new ArrayList<>();
    for (String kind : s.engines()) {
      int i = kinds.indexOf(kind);
      if (i < 0) {
        throw new IllegalArgumentException(
            "scenario '"
                + s.name()
                + "' ("
                + s.dir().resolve("scenario.yaml")
                + "): engines: names "
                + kind
                + ", but no configured engine is "
                + kind
                + " (configured: "
                + configured()
                + "); start one (scripts/engine --kind "
                + kind
                + ") and give its socket with --engine");
      }
      out.add(i);
    }
    return out;
  }

  private String configured() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      parts.add(kinds.get(i) + " at " + hosts.get(i));
    }
    return String.join(", ", parts);
  }
}
