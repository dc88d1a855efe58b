package io.splitcheck.cli;

import io.splitcheck.engine.ConnectedEngine;
import io.splitcheck.engine.EngineException;
import io.splitcheck.engine.EngineFacts;
import io.splitcheck.engine.ImageStore;
import io.splitcheck.matrix.EngineAxis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The engines of {@code matrix --on NAME=URL ...}, connected and described ({@code GET /version},
 * {@code GET /info}), each with its real default profile, and the image on every one of them under
 * the run's tag {@code splitcheck-run/<run id>:matrix}: tagged on the first engine holding it,
 * streamed from there to the others ({@code GET /images/TAG/get} into {@code POST /images/load});
 * closing removes that tag from every engine (the copies with it) and closes the connections.
 */
final class OnEngines implements AutoCloseable {
  /** {@code --on} and {@code --engine} ask for two different matrices: one of them, not both. */
  static void checkNotWith(List<String> on, List<String> engines) {
    if (!on.isEmpty() && !engines.isEmpty()) {
      throw new IllegalArgumentException(
          OPTION
              + " and "
              + Engines.OPTION
              + " are given: "
              + Engines.OPTION
              + " spreads cells round-robin over engines, "
              + OPTION
              + " runs every cell on each; give one of them");
    }
  }

  static final String OPTION = "--on";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private final List<ConnectedEngine> connected;
  private final List<EngineAxis.Target> targets;
  private final List<ImageStore> tagged = new ArrayList<>();
  private final String tag;

  private OnEngines(List<ConnectedEngine> connected, List<EngineAxis.Target> targets, String tag) {
    this.connected = connected;
    this.targets = targets;
    this.tag = tag;
  }

  /**
   * NAME to URL in the order given; a bad or repeated name or URL is bad input naming the option.
   */
  static Map<String, String> parse(List<String> values) {
    Map<String, String> byName = new LinkedHashMap<>();
    Map<String, String> urls = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      String name = eq < 0 ? "" : v.substring(0, eq);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            OPTION
                + " '"
                + v
                + "': expected NAME=URL, e.g. "
                + "podman=unix:///run/splitcheck/podman.sock (NAME: letters, digits, . _ -)");
      }
      String url = v.substring(eq + 1);
      String normal;
      try {
        normal = Engines.normalise(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage().replace(Engines.OPTION + " '", OPTION + " '" + name + "="));
      }
      if (byName.put(name, url) != null) {
        throw new IllegalArgumentException(
            OPTION + " '" + v + "': the name '" + name + "' is given twice");
      }
      String other = urls.put(normal, name);
      if (other != null) {
        throw new IllegalArgumentException(
            OPTION
                + " '"
                + v
                + "': the engine is given twice (also as '"
                + other
                + "'): give each engine once");
      }
    }
    return byName;
  }

  /** The run's tag for the image on every engine. */
  static String tag(String runId) {
    return "splitcheck-run/" + runId + ":matrix";
  }

  static OnEngines open(
      Map<String, String> named, String image, String runId, Consumer<String> warn)
      throws EngineException {
    List<String> names = new ArrayList<>(named.keySet());
    Engines engines = Engines.open(new ArrayList<>(named.values()), null);
    List<EngineAxis.Target> targets = new ArrayList<>();
    OnEngines on = new OnEngines(engines.connected(), targets, tag(runId));
    try {
      for (int i = 0; i < names.size(); i++) {
        ConnectedEngine e = engines.connected().get(i);
        EngineFacts facts = e.facts();
        if (facts.profilesByPath()) {
          e.sendProfilesAsFiles(
              Path.of(System.getProperty("java.io.tmpdir"), "splitcheck-seccomp"));
        }
        targets.add(
            new EngineAxis.Target(
                names.get(i),
                e.containers(),
                e.info(),
                facts,
                EngineAxis.defaultProfile(names.get(i), facts, warn).orElse(null)));
      }
      on.spread(image);
    } catch (EngineException | RuntimeException ex) {
      on.closeQuietly(ex);
      throw ex;
    }
    return on;
  }

  List<EngineAxis.Target> targets() {
    return List.copyOf(targets);
  }

  String imageTag() {
    return tag;
  }

  private void spread(String image) throws EngineException {
    int source = -1;
    for (int i = 0; i < connected.size() && source < 0; i++) {
      if (connected.get(i).images().inspect(image).isPresent()) {
        source = i;
      }
    }
    if (source < 0) {
      throw new IllegalArgumentException(
          "image '"
              + image
              + "': no such image on any "
              + OPTION
              + " engine (splitcheck never pulls)");
    }
    ImageStore from = connected.get(source).images();
    tagged.add(from);
    from.tag(image, tag);
    for (int i = 0; i < connected.size(); i++) {
      if (i != source) {
        copy(from, connected.get(i), targets.get(i).name());
      }
    }
  }

  private void copy(ImageStore from, ConnectedEngine to, String name) throws EngineException {
    String what = "copying image " + tag + " to " + name + " (" + to.host() + ")";
    ImageStore target = to.images();
    tagged.add(target); // removed on close even when the load broke off half-way
    try (InputStream tar = from.save(tag)) {
      target.load(tar);
    } catch (IOException e) {
      throw new EngineException(what + ": closing the saved image failed: " + e.getMessage(), e);
    } catch (EngineException e) {
      throw new EngineException(what + ": " + e.getMessage(), e);
    }
    if (target.inspect(tag).isEmpty()) {
      throw new EngineException(what + ": after POST /images/load the engine has no image " + tag);
    }
  }

  @Override
  public void close() throws EngineException {
    EngineException first = null;
    for (ImageStore images : tagged) {
      try {
        images.remove(tag);
      } catch (EngineException e) {
        first =
            first == null
                ? new EngineException(
                    "removing " + tag + ": " + e.getMessage() + " (splitcheck gc finds it)", e)
                : first;
      }
    }
    tagged.clear();
    connected.forEach(ConnectedEngine::close);
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly(Exception failure) {
    try {
      close();
    } catch (EngineException e) {
      failure.addSuppressed(e);
    }
  }
}
