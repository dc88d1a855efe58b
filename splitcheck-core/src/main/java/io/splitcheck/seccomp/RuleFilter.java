package io.splitcheck.seccomp;

import java.util.List;

/**
 * The {@code includes}/{@code excludes} condition of a rule: capabilities, architectures
 * (libseccomp native names like {@code amd64}, {@code arm64}) and a minimum kernel {@code
 * "<kernel>.<major>"}.
 */
public record RuleFilter(List<String> caps, List<String> arches, String minKernel) {

  public static final RuleFilter EMPTY = new RuleFilter(List.of(), List.of(), null);

  public RuleFilter {
    caps = List.copyOf(caps);
    arches = List.copyOf(arches);
  }

  public boolean isEmpty() {
    return caps.isEmpty() && arches.isEmpty() && minKernel == null;
  }
}
