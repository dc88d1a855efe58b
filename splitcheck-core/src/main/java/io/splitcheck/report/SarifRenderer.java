package io.splitcheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.splitcheck.audit.Evidence;
import io.splitcheck.audit.Finding;
import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.Difference;
import io.splitcheck.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A run report as one SARIF 2.1.0 log (GitHub code scanning, IDE viewers): one run whose results
 * are every audit finding, every matrix split and every twice difference of the report's scenarios.
 * A result is located at its Dockerfile line when the finding has one, else at its path in the
 * image (relative to the {@code IMAGE_ROOT} base, with the image named in a logical location). The
 * rules used are described with their level and help text. Deterministic: scenarios in the report's
 * order, rules sorted by id, fingerprints from rule, scenario and location only (no run ids or
 * times).
 */
public final class SarifRenderer {
  public static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String IMAGE_ROOT = "IMAGE_ROOT";
  static final String SRCROOT = "SRCROOT";
  private static final ObjectMapper MAPPER = Json.mapper();

  private final Function<ScenarioReport, String> dockerfiles;

  /** Dockerfiles at {@code <scenario dir>/Dockerfile}, when the scenario has a directory. */
  public SarifRenderer() {
    this(s -> s.dir() == null || s.dir().isEmpty() ? null : s.dir() + "/Dockerfile");
  }

  /**
   * @param dockerfiles a scenario's Dockerfile as a path relative to where the log is read, or null
   */
  public SarifRenderer(Function<ScenarioReport, String> dockerfiles) {
    this.dockerfiles = dockerfiles;
  }

  public void render(RunReport report, Writer out) throws IOException {
    out.write(Json.text(log(report)));
    out.flush();
  }

  ObjectNode log(RunReport report) {
    List<ObjectNode> results = new ArrayList<>();
    for (ScenarioReport s : report.scenarios()) {
      results.addAll(results(s));
    }
    TreeSet<String> used = new TreeSet<>();
    results.forEach(r -> used.add(r.get("ruleId").asText()));
    List<String> ruleIds = new ArrayList<>(used);
    results.forEach(r -> r.put("ruleIndex", ruleIds.indexOf(r.get("ruleId").asText())));

    ObjectNode log = MAPPER.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver =
        run.putObject("tool")
            .putObject("driver")
            .put("name", "splitcheck")
            .put("version", version(report.tool()));
    ArrayNode rules = driver.putArray("rules");
    ruleIds.forEach(id -> rules.add(rule(SarifRules.of(id))));
    ObjectNode bases = run.putObject("originalUriBaseIds");
    bases.putObject(SRCROOT).putObject("description").put("text", "The folder splitcheck ran in");
    bases
        .putObject(IMAGE_ROOT)
        .putObject("description")
        .put(
            "text",
            "The root of the filesystem of the image a result names (its logical location)");
    run.putObject("automationDetails").put("id", "splitcheck/");
    ArrayNode array = run.putArray("results");
    results.forEach(array::add);
    return log;
  }

  private List<ObjectNode> results(ScenarioReport s) {
    List<ObjectNode> out = new ArrayList<>();
    String image = s.image() != null ? s.image() : s.name();
    if (s.audit() != null) {
      for (Finding f : s.audit().findings()) {
        Evidence e = f.evidence();
        Integer line = e == null ? null : e.line();
        String path = e == null ? null : e.path();
        out.add(
            result(
                s,
                f.rule(),
                SarifRules.level(f.severity().id()),
                f.message(),
                image,
                path,
                line,
                path != null ? path : line != null ? "line " + line : f.message()));
      }
    }
    if (s.matrix() != null) {
      for (MatrixResult.Split split : s.matrix().splits()) {
        String stderr =
            s.matrix()
                .cell(split.config())
                .map(c -> c.stderr() == null ? "" : c.stderr().strip())
                .map(t -> t.lines().findFirst().orElse(""))
                .orElse("");
        String text = split.summary() + (stderr.isEmpty() ? "" : " | stderr: " + stderr);
        ObjectNode r =
            result(s, SarifRules.MATRIX_SPLIT, "error", text, image, null, null, split.config());
        ArrayNode culprits =
            r.putObject("properties").put("cell", split.config()).putArray("culprits");
        split.culprits().forEach(c -> culprits.add(c.key()));
        out.add(r);
      }
    }
    if (s.twice() != null) {
      for (Difference d : s.twice().differences()) {
        String text =
            d.path()
                + " differs in "
                + String.join(", ", d.kinds().stream().map(DiffKind::id).toList())
                + " (layer "
                + d.layer()
                + ", "
                + d.step()
                + ")"
                + (d.detail() == null ? "" : ": " + d.detail());
        out.add(
            result(s, SarifRules.TWICE_DIFFERENCE, "error", text, image, d.path(), null, d.path()));
      }
      for (String field : s.twice().configDifferences()) {
        out.add(
            result(
                s,
                SarifRules.TWICE_CONFIG,
                "warning",
                "image config field " + field + " differs between the two builds",
                image,
                null,
                null,
                field));
      }
    }
    return out;
  }

  /**
   * @param identity what makes this result the same one in the next run (a path, a cell), for its
   *     fingerprint
   */
  private ObjectNode result(
      ScenarioReport s,
      String rule,
      String level,
      String text,
      String image,
      String path,
      Integer line,
      String identity) {
    ObjectNode r = MAPPER.createObjectNode().put("ruleId", rule).put("level", level);
    r.putObject("message").put("text", text);
    ObjectNode location = r.putArray("locations").addObject();
    String dockerfile = dockerfiles.apply(s);
    if (line != null && dockerfile != null) {
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uri(dockerfile)).put("uriBaseId", SRCROOT);
      physical.putObject("region").put("startLine", line);
    } else if (path != null && !path.isEmpty()) {
      location
          .putObject("physicalLocation")
          .putObject("artifactLocation")
          .put("uri", uri(path.startsWith("/") ? path.substring(1) : path))
          .put("uriBaseId", IMAGE_ROOT);
    } else if (dockerfile != null) {
      location
          .putObject("physicalLocation")
          .putObject("artifactLocation")
          .put("uri", uri(dockerfile))
          .put("uriBaseId", SRCROOT);
    }
    location
        .putArray("logicalLocations")
        .addObject()
        .put("name", image)
        .put("fullyQualifiedName", s.name() + ":" + image + (path == null ? "" : ":" + path))
        .put("kind", "module");
    r.putObject("partialFingerprints").put("splitcheck/v1", fingerprint(rule, s.name(), identity));
    return r;
  }

  private static ObjectNode rule(SarifRules.Rule rule) {
    ObjectNode r = MAPPER.createObjectNode().put("id", rule.id()).put("name", name(rule.id()));
    r.putObject("shortDescription").put("text", rule.shortText());
    r.putObject("fullDescription").put("text", rule.help());
    r.putObject("help").put("text", rule.help());
    r.putObject("defaultConfiguration").put("level", rule.level());
    r.putObject("properties")
        .putArray("tags")
        .add(rule.id().substring(0, Math.max(0, rule.id().indexOf('.'))));
    return r;
  }

  /**
   * {@code linkage.dynamic-in-scratch} as {@code LinkageDynamicInScratch}, the PascalCase SARIF
   * suggests.
   */
  static String name(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[.\\-]")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  /** A relative URI reference: spaces and other characters a URI cannot hold percent-encoded. */
  static String uri(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          Character.isLetterOrDigit(c) && c < 128 || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0;
      sb.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return sb.toString();
  }

  private static String fingerprint(String rule, String scenario, String identity) {
    String key = rule + "\n" + scenario + "\n" + identity;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static String version(String tool) {
    return tool != null && tool.startsWith("splitcheck ")
        ? tool.substring("splitcheck ".length())
        : "0.1.0";
  }
}
