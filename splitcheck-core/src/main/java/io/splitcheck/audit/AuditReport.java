package io.splitcheck.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.splitcheck.json.Document;
import io.splitcheck.json.Json;
import io.splitcheck.model.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The sorted findings of one audit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"image", "imageId", "summary", "findings"})
public record AuditReport(String image, String imageId, List<Finding> findings) {
  public AuditReport {
    findings = findings.stream().sorted(Finding.ORDER).toList();
  }

  /** Count of findings per severity id, every severity present. */
  @JsonProperty("summary")
  public Map<String, Long> summary() {
    Map<String, Long> out = new TreeMap<>();
    for (Severity s : Severity.values()) {
      out.put(s.id(), findings.stream().filter(f -> f.severity() == s).count());
    }
    return out;
  }

  /** Whether any finding is at or above the threshold: the audit's exit 1. */
  public boolean failsAt(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  public void writeJson(OutputStream out) throws IOException {
    Json.write(Document.of(this), out);
  }

  /** One line per finding: {@code ERROR linkage.missing-library /app [layer 2 line 7] message}. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      Evidence e = f.evidence();
      sb.append(String.format("%-7s %-32s ", f.severity().id().toUpperCase(Locale.ROOT), f.rule()));
      if (e.path() != null) {
        sb.append(e.path()).append(' ');
      }
      StringBuilder where = new StringBuilder();
      if (e.layer() != null) {
        where.append("layer ").append(e.layer());
      }
      if (e.line() != null) {
        where.append(where.length() > 0 ? ", " : "").append("Dockerfile line ").append(e.line());
      }
      if (where.length() > 0) {
        sb.append('[').append(where).append("] ");
      }
      sb.append(f.message()).append('\n');
    }
    Map<String, Long> s = summary();
    sb.append(
        String.format(
            "%d error(s), %d warning(s), %d info%n",
            s.get("error"), s.get("warning"), s.get("info")));
    return sb.toString();
  }
}
