package io.splitcheck.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Hardening} written three ways: a Kubernetes Pod (securityContext, emptyDir volumes, and
 * a deny-all NetworkPolicy when the program used no network), the equivalent {@code docker run}
 * flags, and a compose service. The Pod is what {@code splitcheck harden} verifies, through {@code
 * --pod}.
 */
public final class HardeningSnippets {
  /** The container's name in the Pod (and the compose service's). */
  public static final String CONTAINER = "app";

  private HardeningSnippets() {}

  /** A Pod manifest, with a NetworkPolicy document after it when no network is needed. */
  public static String kubernetes(Hardening h, String image, List<String> command) {
    StringBuilder y = new StringBuilder();
    y.append("# least privilege for ")
        .append(image)
        .append(", from splitcheck harden (see its verdict)\n");
    y.append(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hardened\n  labels:\n    app: hardened\nspec:\n");
    y.append("  securityContext:\n");
    if (h.uid() != 0) {
      y.append("    runAsNonRoot: true\n");
    }
    y.append("    runAsUser: ")
        .append(h.uid())
        .append("\n    runAsGroup: ")
        .append(h.gid())
        .append('\n');
    y.append("    seccompProfile:\n      type: RuntimeDefault\n");
    y.append("  containers:\n    - name: ")
        .append(CONTAINER)
        .append("\n      image: ")
        .append(quote(image))
        .append('\n');
    if (!command.isEmpty()) {
      y.append("      command: ").append(flow(command)).append('\n');
    }
    y.append("      securityContext:\n        allowPrivilegeEscalation: false\n");
    y.append("        readOnlyRootFilesystem: ").append(h.readOnlyRoot()).append('\n');
    y.append("        capabilities:\n          drop: [\"ALL\"]\n");
    if (!h.capabilities().isEmpty()) {
      y.append("          add: ").append(flow(h.capabilities())).append('\n');
    }
    if (!h.writable().isEmpty()) {
      y.append("      volumeMounts:\n");
      for (int i = 0; i < h.writable().size(); i++) {
        y.append("        - name: writable-")
            .append(i)
            .append("\n          mountPath: ")
            .append(quote(h.writable().get(i)))
            .append('\n');
      }
      y.append("  volumes:\n");
      for (int i = 0; i < h.writable().size(); i++) {
        y.append("    - name: writable-")
            .append(i)
            .append("\n      emptyDir:\n        medium: Memory\n");
      }
    }
    if (!h.network()) {
      y.append("---\n# it used no network: deny all traffic to and from the pod\n");
      y.append(
          "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: hardened-deny-all\n");
      y.append("spec:\n  podSelector:\n    matchLabels:\n      app: hardened\n");
      y.append("  policyTypes: [\"Ingress\", \"Egress\"]\n");
    }
    return y.toString();
  }

  /**
   * The {@code docker run} arguments before the image (Docker's default seccomp profile stays on).
   */
  public static List<String> dockerFlags(Hardening h) {
    List<String> f = new ArrayList<>();
    f.add("--user=" + h.uid() + ":" + h.gid());
    f.add("--cap-drop=ALL");
    h.capabilities().forEach(c -> f.add("--cap-add=" + c));
    f.add("--security-opt=no-new-privileges");
    if (h.readOnlyRoot()) {
      f.add("--read-only");
    }
    h.writable().forEach(d -> f.add("--tmpfs=" + d + ":mode=1777"));
    if (!h.network()) {
      f.add("--network=none");
    }
    return List.copyOf(f);
  }

  /**
   * {@code docker run --user=... IMAGE CMD}, each word quoted for a POSIX shell where it needs it.
   */
  public static String dockerRun(Hardening h, String image, List<String> command) {
    List<String> words = new ArrayList<>(List.of("docker", "run", "--rm"));
    words.addAll(dockerFlags(h));
    words.add(image);
    words.addAll(command);
    return String.join(" ", words.stream().map(HardeningSnippets::shellWord).toList());
  }

  /** A compose file with one service. */
  public static String compose(Hardening h, String image, List<String> command) {
    StringBuilder y = new StringBuilder("services:\n  ").append(CONTAINER).append(":\n");
    y.append("    image: ").append(quote(image)).append('\n');
    if (!command.isEmpty()) {
      y.append("    command: ").append(flow(command)).append('\n');
    }
    y.append("    user: \"").append(h.uid()).append(':').append(h.gid()).append("\"\n");
    y.append("    read_only: ").append(h.readOnlyRoot()).append('\n');
    y.append("    cap_drop: [\"ALL\"]\n");
    if (!h.capabilities().isEmpty()) {
      y.append("    cap_add: ").append(flow(h.capabilities())).append('\n');
    }
    y.append("    security_opt: [\"no-new-privileges:true\"]\n");
    if (!h.writable().isEmpty()) {
      y.append("    tmpfs:\n");
      h.writable().forEach(d -> y.append("      - ").append(quote(d + ":mode=1777")).append('\n'));
    }
    if (!h.network()) {
      y.append("    network_mode: none\n");
    }
    return y.toString();
  }

  private static String flow(List<String> items) {
    return "[" + String.join(", ", items.stream().map(HardeningSnippets::json).toList()) + "]";
  }

  /** A YAML double-quoted scalar (JSON string syntax, which YAML accepts). */
  private static String quote(String s) {
    return json(s);
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String shellWord(String w) {
    return w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
  }
}
