package io.splitcheck.scenario;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a scenario's image is built. Paths are relative to the scenario directory.
 *
 * @param dockerfile default {@code Dockerfile}
 * @param context default {@code .}
 * @param args build arguments, sorted by name
 * @param secrets {@code --secret id=..,src=..} passed to every build
 * @param target the stage to build, or {@code null} for the last
 * @param prebuild a command (argv) run on the host in the scenario directory before the first
 *     build, e.g. {@code [make]}; empty when nothing needs preparing
 */
public record BuildSpec(
    String dockerfile,
    String context,
    Map<String, String> args,
    List<SecretSpec> secrets,
    String target,
    List<String> prebuild) {

  public BuildSpec {
    dockerfile = dockerfile == null ? "Dockerfile" : dockerfile;
    context = context == null ? "." : context;
    args = Collections.unmodifiableMap(new TreeMap<>(args == null ? Map.of() : args));
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    prebuild = prebuild == null ? List.of() : List.copyOf(prebuild);
  }

  /** A build secret: {@code src} is relative to the scenario directory. */
  public record SecretSpec(String id, String src) {}
}
