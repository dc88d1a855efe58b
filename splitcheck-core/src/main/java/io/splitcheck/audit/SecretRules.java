package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code secret.*}: secret ids passed to the build against the {@code RUN --mount=type=secret}
 * mounts the Dockerfile (or the build log's step lines) declare. BuildKit ignores a passed id
 * nothing mounts, and mounts an empty nothing for an id it was not given: both are silent.
 */
public final class SecretRules implements AuditRule {
  private static final Pattern LOG_MOUNT = Pattern.compile("--mount=(\\S*type=secret\\S*)");

  @Override
  public List<Finding> check(AuditInput in) {
    Map<String, Evidence> mounts = mounts(in);
    List<Finding> out = new ArrayList<>();
    if (in.secretIds() == null || in.dockerfile() == null && in.buildLogs().isEmpty()) {
      return out;
    }
    for (String id : in.secretIds()) {
      if (!mounts.containsKey(id)) {
        out.add(
            Finding.of(
                "secret.unmounted",
                "secret '"
                    + id
                    + "' is passed to the build but no RUN "
                    + "--mount=type=secret,id="
                    + id
                    + " uses it: no step ever sees it",
                Evidence.path(id)));
      }
    }
    mounts.forEach(
        (id, ev) -> {
          if (!in.secretIds().contains(id)) {
            out.add(
                Finding.of(
                    "secret.not-passed",
                    "RUN mounts secret '"
                        + id
                        + "' but the build is not given it "
                        + "(--secret id="
                        + id
                        + ",src=...): the step sees no file",
                    ev.withPath(id)));
          }
        });
    return out;
  }

  /** Secret ids mounted, with where: Dockerfile lines first, then log steps. */
  static Map<String, Evidence> mounts(AuditInput in) {
    Map<String, Evidence> out = new LinkedHashMap<>();
    if (in.dockerfile() != null) {
      for (Instruction i : in.dockerfile().instructions()) {
        for (String m : i.flags("mount")) {
          secretId(m).ifPresent(id -> out.putIfAbsent(id, Evidence.line(i.line())));
        }
      }
    }
    for (BuildLog log : in.buildLogs()) {
      for (BuildLog.Step s : log.steps()) {
        Matcher m = LOG_MOUNT.matcher(s.instruction());
        while (m.find()) {
          secretId(m.group(1))
              .ifPresent(id -> out.putIfAbsent(id, Evidence.NONE.withStep(s.instruction())));
        }
      }
    }
    return out;
  }

  /**
   * {@code type=secret,id=x,target=...}: the id, defaulting to the target's base name as BuildKit
   * does.
   */
  static Optional<String> secretId(String mount) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : mount.split(",")) {
      int eq = part.indexOf('=');
      kv.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
    }
    if (!"secret".equals(kv.get("type"))) {
      return Optional.empty();
    }
    String id = kv.get("id");
    if (id == null && kv.containsKey("target")) {
      id = ImageFs.baseName(kv.get("target"));
    }
    return Optional.ofNullable(id);
  }
}
