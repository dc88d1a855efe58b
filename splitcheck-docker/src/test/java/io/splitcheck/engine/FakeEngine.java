package io.splitcheck.engine;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An in-memory engine for unit tests of the logic above the engine port (the matrix runner, the
 * matrix check): it runs nothing, answers each {@link ContainerSpec} with what the test's script
 * says, and records what it was asked. Never used by an integration test: those talk to real
 * engines.
 */
public final class FakeEngine implements ContainerEngine {
  /** What the engine says when asked to run a container. */
  public interface Script {
    ContainerExit run(ContainerSpec spec) throws EngineException;
  }

  private final Map<String, ImageConfig> images;
  private final Script script;
  private final List<ContainerSpec> ran = Collections.synchronizedList(new ArrayList<>());
  private final List<String> removedRuns = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean answers = true;

  public FakeEngine(Map<String, ImageConfig> images, Script script) {
    this.images = Map.copyOf(images);
    this.script = script;
  }

  /** An engine holding one image whose entrypoint is {@code /probe}. */
  public static FakeEngine withImage(String tag, Script script) {
    return new FakeEngine(
        Map.of(
            tag,
            new ImageConfig("sha256:" + "0".repeat(64), List.of("/probe"), List.of(), "amd64")),
        script);
  }

  /** An exit with the given code and output, no timeout, no kill. */
  public static ContainerExit exit(int code, String stderr) {
    return new ContainerExit(
        code,
        false,
        false,
        5,
        new CappedOutput("", 0, false),
        new CappedOutput(stderr, stderr.length(), false),
        null,
        null);
  }

  /**
   * Maps each spec to an exit by its security settings, e.g. {@code s -> s.readOnlyRoot() ? 1 : 0}.
   */
  public static Script bySecurity(Function<ContainerSecurity, ContainerExit> f) {
    return spec -> f.apply(spec.security());
  }

  /** The engine goes away: from now on it no longer answers a ping. */
  public void goAway() {
    answers = false;
  }

  public List<ContainerSpec> ran() {
    return List.copyOf(ran);
  }

  public List<String> removedRuns() {
    return List.copyOf(removedRuns);
  }

  @Override
  public ContainerExit run(ContainerSpec spec) throws EngineException {
    ran.add(spec);
    return script.run(spec);
  }

  @Override
  public void signal(String runId, String role, String signal) {
    // nothing runs
  }

  @Override
  public Optional<ContainerInfo> container(String ref) {
    return Optional.empty();
  }

  @Override
  public boolean answers() {
    return answers;
  }

  @Override
  public Optional<ImageConfig> image(String ref) {
    return Optional.ofNullable(images.get(ref));
  }

  @Override
  public void createVolume(String name, Map<String, String> labels) {
    throw new UnsupportedOperationException("the fake engine has no volumes");
  }

  @Override
  public void copyIntoVolume(
      String image, String volume, InputStream tar, Map<String, String> labels) {
    throw new UnsupportedOperationException("the fake engine has no volumes");
  }

  @Override
  public void removeRun(String runId) {
    removedRuns.add(runId);
  }
}
