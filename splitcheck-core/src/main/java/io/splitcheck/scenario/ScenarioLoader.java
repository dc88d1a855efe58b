package io.splitcheck.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds scenarios: {@code DIR/scenario.yaml} if present, else every {@code DIR/* /scenario.yaml}
 * (immediate subdirectories), sorted by directory name; variants follow their scenario.
 */
public final class ScenarioLoader {
  public static final String FILE_NAME = "scenario.yaml";
  private final ScenarioParser parser = new ScenarioParser();

  public List<Scenario> load(Path dirOrParent) throws IOException {
    if (!Files.isDirectory(dirOrParent)) {
      throw new IllegalArgumentException(
          "Error reading scenarios '" + dirOrParent + "': not a directory");
    }
    Path own = dirOrParent.resolve(FILE_NAME);
    if (Files.isRegularFile(own)) {
      return parser.parse(own);
    }
    List<Path> files;
    try (Stream<Path> children = Files.list(dirOrParent)) {
      files =
          children.map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "Error reading scenarios '"
              + dirOrParent
              + "': no "
              + FILE_NAME
              + " in it or in its immediate subdirectories");
    }
    List<Scenario> out = new ArrayList<>();
    for (Path file : files) {
      out.addAll(parser.parse(file));
    }
    requireUniqueNames(out);
    return out;
  }

  /** Only the scenarios whose name (or parent name, for variants) is in {@code only}. */
  public static List<Scenario> select(List<Scenario> all, List<String> only) {
    if (only.isEmpty()) {
      return all;
    }
    List<Scenario> out =
        all.stream()
            .filter(s -> only.contains(s.name()) || only.contains(s.name().split(":")[0]))
            .toList();
    for (String name : only) {
      if (out.stream().noneMatch(s -> s.name().equals(name) || s.name().startsWith(name + ":"))) {
        throw new IllegalArgumentException(
            "Error selecting scenario '"
                + name
                + "': no such "
                + "scenario (known: "
                + String.join(", ", all.stream().map(Scenario::name).toList())
                + ")");
      }
    }
    return out;
  }

  private static void requireUniqueNames(List<Scenario> scenarios) {
    Map<String, Path> seen = new HashMap<>();
    for (Scenario s : scenarios) {
      Path before = seen.putIfAbsent(s.name(), s.dir());
      if (before != null) {
        throw new IllegalArgumentException(
            "Error reading scenarios: name '"
                + s.name()
                + "' used by both "
                + before
                + " and "
                + s.dir());
      }
    }
  }
}
