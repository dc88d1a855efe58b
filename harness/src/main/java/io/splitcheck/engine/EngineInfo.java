package io.splitcheck.engine;

import java.util.List;

/**
 * Which engine ran a cell, as {@code GET /info} describes it.
 *
 * @param host the URL splitcheck talked to, e.g. {@code unix:///var/run/docker.sock}
 * @param version the engine's version, e.g. {@code 20.10.24}
 * @param seccompProfile the engine's default seccomp profile ({@code default}, a file, or
 *     {@code unconfined}); null when the engine reports no seccomp support
 * @param cpus the engine's CPU count (NCPU), at least 1
 */
public record EngineInfo(String host, String version, String seccompProfile, int cpus) {
  private static final String SECCOMP = "name=seccomp";

  public EngineInfo {
    cpus = Math.max(1, cpus);
  }

  /** Whether containers run under a seccomp filter when a cell sets none. */
  public boolean seccompDefault() {
    return seccompProfile != null && !seccompProfile.equals("unconfined");
  }

  /**
   * @param securityOptions {@code SecurityOptions} of {@code GET /info}, e.g.
   *     {@code name=seccomp,profile=default}
   */
  public static EngineInfo of(String host, String version, List<String> securityOptions, Integer cpus) {
    String profile = null;
    for (String option : securityOptions == null ? List.<String>of() : securityOptions) {
      if (option.equals(SECCOMP) || option.startsWith(SECCOMP + ",")) {
        profile = "default";
        for (String field : option.split(",")) {
          if (field.startsWith("profile=")) {
            profile = field.substring("profile=".length());
          }
        }
      }
    }
    return new EngineInfo(host, version == null ? "unknown" : version, profile,
        cpus == null ? 1 : cpus);
  }
}
