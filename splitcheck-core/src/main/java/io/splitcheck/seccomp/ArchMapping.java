package io.splitcheck.seccomp;

import java.util.List;

/**
 * One {@code archMap} entry: a native architecture ({@code SCMP_ARCH_X86_64}) and its
 * sub-architectures.
 */
public record ArchMapping(String architecture, List<String> subArchitectures) {

  public ArchMapping {
    subArchitectures = List.copyOf(subArchitectures);
  }
}
