package io.splitcheck.scenario;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One incident as a regression test: how to build it, which checks run, what they must find.
 *
 * @param name unique name; a variant is named {@code parent:variant}
 * @param dir the directory holding {@code scenario.yaml}; relative paths in {@link #build()} resolve
 *     against it
 * @param checks the checks to run; a check left out is not run
 * @param baseDrift for the nightly's base-drift scenario only, else {@code null}
 */
public record Scenario(
    String name,
    String description,
    Path dir,
    BuildSpec build,
    Checks checks,
    Expectation expect,
    BaseDrift baseDrift) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(checks, "checks");
    Objects.requireNonNull(expect, "expect");
    description = description == null ? "" : description;
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
