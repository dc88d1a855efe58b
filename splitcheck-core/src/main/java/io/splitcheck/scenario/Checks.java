package io.splitcheck.scenario;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which checks a scenario runs; a {@code null} check is not run. */
public record Checks(Twice twice, Matrix matrix, Audit audit) {

  /**
   * Build twice and compare.
   *
   * @param accept the worst verdict that still passes when {@code expect} names none ({@code
   *     config-only}, {@code mtime-only} or {@code metadata}), or null: then only what {@code
   *     expect} says counts
   */
  public record Twice(String accept) {
    public Twice() {
      this(null);
    }
  }

  /**
   * The security matrix over the built image.
   *
   * @param configs cells in order; empty means the built-in six
   * @param profiles custom seccomp profile cells: name to JSON file relative to the scenario dir
   * @param derive derived cells: name to derivation expression ({@code getrandom=EPERM})
   * @param pods Kubernetes manifests ({@code FILE.yaml[#CONTAINER]}, relative to the scenario dir),
   *     a cell each (as {@code matrix --pod})
   * @param baseline {@code null} means the matrix default
   * @param trace auto, always, never; {@code null} means auto
   * @param cmd command override, empty means the image's own
   * @param timeout per cell, e.g. {@code 30s}; {@code null} means the matrix default
   */
  public record Matrix(
      List<String> configs,
      Map<String, String> profiles,
      Map<String, String> derive,
      String baseline,
      String trace,
      List<String> cmd,
      String timeout,
      List<String> pods) {
    public Matrix {
      configs = List.copyOf(configs);
      profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
      derive = Collections.unmodifiableMap(new TreeMap<>(derive));
      cmd = List.copyOf(cmd);
      pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /** A matrix naming no manifest. */
    public Matrix(
        List<String> configs,
        Map<String, String> profiles,
        Map<String, String> derive,
        String baseline,
        String trace,
        List<String> cmd,
        String timeout) {
      this(configs, profiles, derive, baseline, trace, cmd, timeout, List.of());
    }
  }

  /**
   * The audit.
   *
   * @param enable rule ids or categories ({@code linkage}, {@code linkage.*}) to run; empty: all
   * @param disable rule ids or categories switched off
   * @param failOn severity at which the audit fails; {@code null} means the audit default (error)
   * @param secretIds secret ids passed to the build, in addition to {@link BuildSpec#secrets()}
   * @param cacheCheck change one build argument between two builds and report invalidated steps
   * @param entrypointOnly linkage checks only for the entrypoint/cmd
   */
  public record Audit(
      List<String> enable,
      List<String> disable,
      String failOn,
      List<String> secretIds,
      CacheCheck cacheCheck,
      boolean entrypointOnly) {
    public Audit {
      enable = List.copyOf(enable);
      disable = List.copyOf(disable);
      secretIds = List.copyOf(secretIds);
    }
  }

  /** {@code audit --cache-check ARG=V1,V2}. */
  public record CacheCheck(String arg, List<String> values) {
    public CacheCheck {
      values = List.copyOf(values);
    }
  }
}
