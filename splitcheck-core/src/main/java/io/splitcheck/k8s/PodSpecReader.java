package io.splitcheck.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one container of a pod spec into a {@link PodContainer}, naming what it cannot reproduce.
 */
final class PodSpecReader {
  private PodSpecReader() {}

  static PodContainer read(JsonNode workload, JsonNode pod, JsonNode c, String source) {
    String name = c.path("name").asText();
    String at = source + ": container '" + name + "'";
    JsonNode psc = pod.path("securityContext");
    JsonNode csc = c.path("securityContext");
    List<String> warnings = new ArrayList<>();
    Long memory =
        c.path("resources").path("limits").hasNonNull("memory")
            ? Quantities.bytes(
                c.path("resources").path("limits").path("memory").asText(),
                at + " resources.limits.memory")
            : null;
    Long cpus =
        c.path("resources").path("limits").hasNonNull("cpu")
            ? Quantities.nanoCpus(
                c.path("resources").path("limits").path("cpu").asText(),
                at + " resources.limits.cpu")
            : null;
    JsonNode seccomp =
        csc.has("seccompProfile") ? csc.path("seccompProfile") : psc.path("seccompProfile");
    List<Long> groups = new ArrayList<>();
    if (psc.hasNonNull("fsGroup")) {
      groups.add(psc.path("fsGroup").asLong());
    }
    psc.path("supplementalGroups").forEach(g -> groups.add(g.asLong()));
    warnings.addAll(unreproduced(pod, c, name));
    return new PodContainer(
        workload.path("kind").asText()
            + "/"
            + workload.path("metadata").path("name").asText("unnamed"),
        name,
        c.path("image").asText(),
        longOf(csc, psc, "runAsUser"),
        longOf(csc, psc, "runAsGroup"),
        boolOf(csc, psc, "runAsNonRoot"),
        groups,
        strings(csc.path("capabilities").path("add")),
        strings(csc.path("capabilities").path("drop")),
        csc.path("privileged").asBoolean(false),
        csc.has("allowPrivilegeEscalation") && !csc.path("allowPrivilegeEscalation").asBoolean(),
        csc.path("readOnlyRootFilesystem").asBoolean(false),
        seccomp.hasNonNull("type") ? seccompType(seccomp.path("type").asText(), at) : null,
        seccomp.hasNonNull("localhostProfile") ? seccomp.path("localhostProfile").asText() : null,
        memory,
        cpus,
        env(c, warnings, name),
        c.has("command") ? strings(c.path("command")) : null,
        c.has("args") ? strings(c.path("args")) : null,
        c.hasNonNull("workingDir") ? c.path("workingDir").asText() : null,
        emptyDirs(pod, c, memory, at),
        warnings);
  }

  private static String seccompType(String type, String at) {
    if (!List.of("RuntimeDefault", "Unconfined", "Localhost").contains(type)) {
      throw new IllegalArgumentException(
          at
              + " seccompProfile.type '"
              + type
              + "': expected RuntimeDefault, Unconfined or Localhost");
    }
    return type;
  }

  private static Map<String, String> env(JsonNode c, List<String> warnings, String name) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : c.path("env")) {
      if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      } else {
        warnings.add(
            "container '"
                + name
                + "': env "
                + e.path("name").asText()
                + " comes from valueFrom (not reproduced: unset here)");
      }
    }
    if (c.has("envFrom")) {
      warnings.add("container '" + name + "': envFrom (configMap/secret) is not reproduced");
    }
    return env;
  }

  /**
   * emptyDir mounts as tmpfs; {@code medium: Memory} sized by sizeLimit, else by the memory limit.
   */
  private static Map<String, String> emptyDirs(JsonNode pod, JsonNode c, Long memory, String at) {
    Map<String, JsonNode> volumes = volumes(pod);
    Map<String, String> tmpfs = new LinkedHashMap<>();
    for (JsonNode m : c.path("volumeMounts")) {
      JsonNode v = volumes.get(m.path("name").asText());
      if (v != null && v.has("emptyDir")) {
        JsonNode e = v.path("emptyDir");
        // boxed on both branches: a medium Memory emptyDir without a memory limit has no size
        Long size =
            e.hasNonNull("sizeLimit")
                ? (Long)
                    Quantities.bytes(
                        e.path("sizeLimit").asText(),
                        at + " emptyDir " + m.path("name").asText() + " sizeLimit")
                : "Memory".equals(e.path("medium").asText()) ? memory : null;
        tmpfs.put(
            m.path("mountPath").asText(), "mode=1777" + (size == null ? "" : ",size=" + size));
      }
    }
    return tmpfs;
  }

  private static List<String> unreproduced(JsonNode pod, JsonNode c, String name) {
    List<String> w = new ArrayList<>();
    Map<String, JsonNode> volumes = volumes(pod);
    for (JsonNode m : c.path("volumeMounts")) {
      JsonNode v = volumes.get(m.path("name").asText());
      if (v != null && !v.has("emptyDir")) {
        String kind = v.fieldNames().hasNext() ? nonName(v) : "unknown";
        w.add(
            "volume '"
                + m.path("name").asText()
                + "' ("
                + kind
                + ") at "
                + m.path("mountPath").asText()
                + " is not reproduced: the path keeps the image's content");
      }
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (c.has(probe)) {
        w.add("container '" + name + "': " + probe + " is not reproduced");
      }
    }
    for (JsonNode other : pod.path("containers")) {
      if (!other.path("name").asText().equals(name)) {
        w.add(
            "container '"
                + other.path("name").asText()
                + "' (a sidecar of '"
                + name
                + "') is not run");
      }
    }
    for (JsonNode init : pod.path("initContainers")) {
      w.add("init container '" + init.path("name").asText() + "' is not run");
    }
    return w;
  }

  private static String nonName(JsonNode v) {
    List<String> fields = new ArrayList<>();
    v.fieldNames().forEachRemaining(fields::add);
    return fields.stream().filter(f -> !f.equals("name")).findFirst().orElse("unknown");
  }

  private static Map<String, JsonNode> volumes(JsonNode pod) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    pod.path("volumes").forEach(v -> byName.put(v.path("name").asText(), v));
    return byName;
  }

  private static Long longOf(JsonNode container, JsonNode pod, String field) {
    JsonNode n = container.hasNonNull(field) ? container.get(field) : pod.get(field);
    return n == null || n.isNull() ? null : n.asLong();
  }

  private static boolean boolOf(JsonNode container, JsonNode pod, String field) {
    JsonNode n = container.hasNonNull(field) ? container.get(field) : pod.get(field);
    return n != null && n.asBoolean(false);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
