package io.splitcheck.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One incident as a regression test: how to build it, which checks run, what they must find.
 *
 * @param name unique name; a variant is named {@code parent:variant}
 * @param dir the directory holding {@code scenario.yaml}; relative paths in {@link #build()}
 *     resolve against it
 * @param checks the checks to run; a check left out is not run
 * @param baseDrift for the nightly's base-drift scenario only, else {@code null}
 * @param engines the engine kinds the scenario claims to run on ({@code engines:}; docker-20.10,
 *     docker-26, podman), empty: the run's engines
 */
public record Scenario(
    String name,
    String description,
    Path dir,
    BuildSpec build,
    Checks checks,
    Expectation expect,
    BaseDrift baseDrift,
    List<String> engines) {

  /** A scenario that declares no engines: it runs on the run's engines. */
  public Scenario(
      String name,
      String description,
      Path dir,
      BuildSpec build,
      Checks checks,
      Expectation expect,
      BaseDrift baseDrift) {
    this(name, description, dir, build, checks, expect, baseDrift, List.of());
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(expect, "expect");
    description = description == null ? "" : description;
    engines = engines == null ? List.of() : List.copyOf(engines);
  }

  /** The Dockerfile, resolved against {@link #dir()}. */
  public Path dockerfile() {
    return dir.resolve(build.dockerfile()).normalize();
  }

  /** The build context, resolved against {@link #dir()}. */
  public Path context() {
    return dir.resolve(build.context()).normalize();
  }
}
