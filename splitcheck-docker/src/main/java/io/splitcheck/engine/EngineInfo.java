package io.splitcheck.engine;

import java.util.List;

/**
 * Which engine ran a cell, as {@code GET /info} describes it.
 *
 * @param host the URL splitcheck talked to, e.g. {@code unix:///var/run/docker.sock}
 * @param version the engine's version, e.g. {@code 20.10.24}
 * @param seccompProfile the engine's default seccomp profile ({@code default}, a file, or {@code
 *     unconfined}); null when the engine reports no seccomp support
 * @param cpus the engine's CPU count (NCPU), at least 1
 * @param identity what tells two engines apart: {@code ID}, {@code Name} and {@code DockerRootDir}
 *     of {@code GET /info}, equal for two URLs of one engine; null when not known
 */
public record EngineInfo(
    String host, String version, String seccompProfile, int cpus, String identity) {
  private static final String SECCOMP = "name=seccomp";

  public EngineInfo {
    cpus = Math.max(1, cpus);
  }

  public EngineInfo(String host, String version, String seccompProfile, int cpus) {
    this(host, version, seccompProfile, cpus, null);
  }

  /**
   * Whether both describe one engine reached through two URLs. The ID alone does not tell: before
   * Docker 23 it is the key in {@code /etc/docker/key.json}, shared by every dockerd of a host.
   */
  public boolean sameEngineAs(EngineInfo other) {
    return identity != null && identity.equals(other.identity);
  }

  /** Whether containers run under a seccomp filter when a cell sets none. */
  public boolean seccompDefault() {
    return seccompProfile != null && !seccompProfile.equals("unconfined");
  }

  /**
   * @param securityOptions {@code SecurityOptions} of {@code GET /info}, e.g. {@code
   *     name=seccomp,profile=default}
   */
  public static EngineInfo of(
      String host, String version, List<String> securityOptions, Integer cpus) {
    return of(host, version, securityOptions, cpus, null);
  }

  /** As {@link #of(String, String, List, Integer)}, with the engine's {@link #identity}. */
  public static EngineInfo of(
      String host, String version, List<String> securityOptions, Integer cpus, String identity) {
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
    return new EngineInfo(
        host, version == null ? "unknown" : version, profile, cpus == null ? 1 : cpus, identity);
  }
}
