package io.splitcheck.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.splitcheck.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rules run and how severe they are. The YAML file ({@code --config}):
 *
 * <pre>
 * enable: [linkage, leak]            # only these run (ids or categories); absent or empty: all
 * disable: [leak.tmp-dir, size.*]     # ids, categories (leak) or leak.*
 * severity: {leak.backup: error}      # override a rule's default severity
 * largeFileBytes: 10485760            # context.large-file threshold
 * largestFiles: 10                    # size.largest-files count
 * wastedFileBytes: 1048576            # size.wasted threshold per file
 * </pre>
 */
public record AuditConfig(
    List<String> enable,
    List<String> disable,
    Map<String, Severity> severity,
    long largeFileBytes,
    int largestFiles,
    long wastedFileBytes) {
  public static final AuditConfig DEFAULT =
      new AuditConfig(List.of(), List.of(), Map.of(), 10L << 20, 10, 1L << 20);

  public AuditConfig {
    enable = List.copyOf(enable == null ? List.of() : enable);
    disable = List.copyOf(disable == null ? List.of() : disable);
    enable.forEach(d -> RuleIds.requireKnown(d, "enable (--enable or config)"));
    severity = new TreeMap<>(severity == null ? Map.of() : severity);
    disable.forEach(d -> RuleIds.requireKnown(d, "disable (--disable or config)"));
    severity.keySet().forEach(d -> RuleIds.requireKnown(d, "config severity"));
    largeFileBytes = largeFileBytes > 0 ? largeFileBytes : DEFAULT_LARGE;
    largestFiles = largestFiles > 0 ? largestFiles : 10;
    wastedFileBytes = wastedFileBytes > 0 ? wastedFileBytes : 1L << 20;
  }

  private static final long DEFAULT_LARGE = 10L << 20;

  /** Reads the YAML (or JSON) file; unknown keys and rule ids are errors naming the file. */
  public static AuditConfig read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in);
    }
  }

  static AuditConfig parse(String source, InputStream in) throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      AuditConfig c = yaml.readValue(in, AuditConfig.class);
      return c == null ? DEFAULT : c;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "Error parsing audit config '"
              + source
              + "': unknown key '"
              + e.getPropertyName()
              + "' (expected enable, disable, severity, largeFileBytes, largestFiles, wastedFileBytes)");
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException(
          "Error parsing audit config '"
              + source
              + "': "
              + root.getMessage().lines().findFirst().orElse(""),
          e);
    }
  }

  /** This config with more rules disabled (from {@code --disable}). */
  public AuditConfig disabling(List<String> more) {
    List<String> all = new ArrayList<>(disable);
    all.addAll(more);
    return new AuditConfig(enable, all, severity, largeFileBytes, largestFiles, wastedFileBytes);
  }

  /**
   * This config running only the given rules, when the list is not empty (from {@code --enable}).
   */
  public AuditConfig enabling(List<String> only) {
    if (only.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(enable);
    all.addAll(only);
    return new AuditConfig(all, disable, severity, largeFileBytes, largestFiles, wastedFileBytes);
  }

  /** Enabled: matched by {@code enable} (or it is empty), and by no {@code disable} pattern. */
  public boolean enabled(String ruleId) {
    return (enable.isEmpty() || enable.stream().anyMatch(p -> RuleIds.matches(p, ruleId)))
        && disable.stream().noneMatch(p -> RuleIds.matches(p, ruleId));
  }

  /** The finding with the configured severity for its rule (most specific pattern wins). */
  public Finding apply(Finding f) {
    String best = null;
    for (String p : severity.keySet()) {
      if (RuleIds.matches(p, f.rule()) && (best == null || p.length() > best.length())) {
        best = p;
      }
    }
    return best == null ? f : f.withSeverity(severity.get(best));
  }
}
