package io.splitcheck.scenario;

import io.splitcheck.scenario.YamlNode.MapNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code scenario.yaml} strictly: an unknown key, a wrong type, a bad enum value or an
 * expectation without its check is an {@link IllegalArgumentException} naming file, line and field.
 * A file with {@code variants} yields the scenario plus one scenario per variant ({@code
 * name:variant}).
 */
public final class ScenarioParser {
  static final Set<String> TOP =
      Set.of(
          "name", "description", "build", "checks", "expect", "baseDrift", "variants", "engines");

  /** The engine kinds a scenario may declare ({@code scripts/engine --kind}). */
  static final List<String> ENGINE_KINDS = List.of("docker-20.10", "docker-26", "podman");

  static final Set<String> VARIANT = Set.of("description", "build", "checks", "expect");
  static final Set<String> BUILD =
      Set.of("dockerfile", "context", "args", "secrets", "target", "prebuild");
  static final Set<String> CHECKS = Set.of("twice", "matrix", "audit");
  static final Set<String> EXPECT =
      Set.of(
          "reproducible",
          "differs",
          "verdict",
          "splits",
          "noSplits",
          "findings",
          "noFindingsAbove");
  static final Set<String> VERDICTS =
      Set.of("reproducible", "config-only", "mtime-only", "metadata", "content");
  static final Set<String> BUILTIN_CELLS =
      Set.of(
          "unconfined", "runtime-default", "cap-drop-all", "read-only", "no-network", "restricted");

  /** The largest scenario.yaml read: the project's are under 2 KB. */
  static final long MAX_BYTES = 256L << 10;

  private final ChecksParser checksParser = new ChecksParser();

  /** Reads {@code file}; its directory becomes the scenario directory. */
  public List<Scenario> parse(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          "Error parsing scenario '"
              + file
              + "': "
              + size
              + " bytes, more than the "
              + (MAX_BYTES >> 10)
              + " KiB a scenario.yaml may be");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString(), file.toAbsolutePath().getParent());
    }
  }

  /** Parses a scenario document; {@code file} is only used in messages. */
  public List<Scenario> parse(Reader reader, String file, Path dir) {
    YamlNode root = new YamlTreeReader(file).read(reader);
    Fields top = Fields.of(file, "", root, TOP);
    String name =
        top.has("name")
            ? top.requiredString("name")
            : dir.getFileName() == null ? "scenario" : dir.getFileName().toString();
    List<Scenario> out = new ArrayList<>();
    out.add(scenario(top, name, dir, baseDrift(top)));
    for (Map.Entry<String, YamlNode> v : variants(top).fields().entrySet()) {
      Fields.of(file, "variants." + v.getKey(), v.getValue(), VARIANT);
      MapNode merged = merge((MapNode) root, (MapNode) v.getValue());
      out.add(scenario(Fields.of(file, "", merged, TOP), name + ":" + v.getKey(), dir, null));
    }
    return out;
  }

  /** The {@code variants} mapping (empty when absent); variant names are {@code [a-z0-9-]+}. */
  private static MapNode variants(Fields top) {
    if (!top.has("variants")) {
      return new MapNode(1, Map.of(), Map.of());
    }
    YamlNode v = top.raw("variants");
    if (!(v instanceof MapNode map)) {
      throw Fields.error(
          top.file(),
          v.line(),
          "variants",
          "expected a mapping of variant name to " + "overrides, got " + v.describe());
    }
    map.keyLines()
        .forEach(
            (name, line) -> {
              if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw Fields.error(
                    top.file(),
                    line,
                    "variants." + name,
                    "expected a variant name of lower-case letters, digits and '-'");
              }
            });
    return map;
  }

  private Scenario scenario(Fields top, String name, Path dir, BaseDrift drift) {
    BuildSpec build = build(top.object("build", BUILD));
    Checks checks =
        top.has("checks")
            ? checksParser.checks(Fields.of(top.file(), "checks", top.raw("checks"), CHECKS), dir)
            : new Checks(null, null, null);
    Expectation expect =
        new ExpectationParser()
            .expectation(
                top.has("expect")
                    ? Fields.of(top.file(), "expect", top.raw("expect"), EXPECT)
                    : null,
                checks,
                top.has("expect") ? top.raw("expect").line() : 1);
    return new Scenario(
        name, top.string("description"), dir, build, checks, expect, drift, engines(top));
  }

  /** {@code engines: [docker-20.10, podman]}: kinds of {@link #ENGINE_KINDS}, each once. */
  private static List<String> engines(Fields top) {
    List<String> kinds = top.stringList("engines");
    for (int i = 0; i < kinds.size(); i++) {
      if (!ENGINE_KINDS.contains(kinds.get(i)) || kinds.subList(0, i).contains(kinds.get(i))) {
        throw Fields.error(
            top.file(),
            top.raw("engines").line(),
            "engines[" + i + "]",
            "expected one of "
                + String.join(", ", ENGINE_KINDS)
                + ", each once, got '"
                + kinds.get(i)
                + "'");
      }
    }
    return kinds;
  }

  private static BuildSpec build(Fields b) {
    if (b == null) {
      return new BuildSpec(null, null, null, null, null, null);
    }
    List<BuildSpec.SecretSpec> secrets =
        b.list(
            "secrets",
            (item, i) -> {
              Fields s =
                  Fields.of(
                      b.file(), b.pathOf("secrets") + "[" + i + "]", item, Set.of("id", "src"));
              return new BuildSpec.SecretSpec(s.requiredString("id"), s.requiredString("src"));
            });
    return new BuildSpec(
        b.string("dockerfile"),
        b.string("context"),
        b.stringMap("args"),
        secrets,
        b.string("target"),
        b.stringList("prebuild"));
  }

  private static BaseDrift baseDrift(Fields top) {
    Fields d = top.object("baseDrift", Set.of("tag", "variants"));
    if (d == null) {
      return null;
    }
    List<String> variants = d.stringList("variants");
    if (variants.size() < 2) {
      throw Fields.error(
          d.file(),
          top.raw("baseDrift").line(),
          "baseDrift.variants",
          "expected at least two variant directories, got " + variants.size());
    }
    return new BaseDrift(d.requiredString("tag"), variants);
  }

  /** Variant over base: {@code build} and {@code checks} merged key by key, others replaced. */
  static MapNode merge(MapNode base, MapNode variant) {
    Map<String, YamlNode> fields = new LinkedHashMap<>(base.fields());
    Map<String, Integer> lines = new LinkedHashMap<>(base.keyLines());
    fields.remove("variants");
    lines.remove("variants");
    fields.remove("name");
    lines.remove("name");
    for (Map.Entry<String, YamlNode> e : variant.fields().entrySet()) {
      YamlNode old = fields.get(e.getKey());
      boolean deep =
          (e.getKey().equals("build") || e.getKey().equals("checks"))
              && old instanceof MapNode
              && e.getValue() instanceof MapNode;
      fields.put(e.getKey(), deep ? overlay((MapNode) old, (MapNode) e.getValue()) : e.getValue());
      lines.put(e.getKey(), variant.keyLines().get(e.getKey()));
    }
    return new MapNode(variant.line(), fields, lines);
  }

  private static MapNode overlay(MapNode base, MapNode top) {
    Map<String, YamlNode> fields = new LinkedHashMap<>(base.fields());
    Map<String, Integer> lines = new LinkedHashMap<>(base.keyLines());
    fields.putAll(top.fields());
    lines.putAll(top.keyLines());
    return new MapNode(top.line(), fields, lines);
  }
}
