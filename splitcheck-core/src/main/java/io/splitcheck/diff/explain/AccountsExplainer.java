package io.splitcheck.diff.explain;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account files, field by field per name: {@code /etc/shadow} (lastchg day, password salt),
 * {@code /etc/gshadow}, {@code /etc/passwd}, {@code /etc/group}, and their {@code -} backups.
 */
final class AccountsExplainer implements FileExplainer {
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "shadow",
              List.of(
                  "name",
                  "password",
                  "lastchg",
                  "min",
                  "max",
                  "warn",
                  "inactive",
                  "expire",
                  "reserved"),
          "gshadow", List.of("name", "password", "admins", "members"),
          "passwd", List.of("name", "password", "uid", "gid", "gecos", "home", "shell"),
          "group", List.of("name", "password", "gid", "members"));

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("-$", "");
    List<String> fields = FIELDS.get(base);
    if (!path.startsWith("/etc/") || fields == null) {
      return null;
    }
    Map<String, String[]> ra = rows(a);
    Map<String, String[]> rb = rows(b);
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    ra.keySet().stream()
        .filter(n -> !rb.containsKey(n))
        .forEach(n -> lines.add(n + ": only in the first"));
    rb.keySet().stream()
        .filter(n -> !ra.containsKey(n))
        .forEach(n -> lines.add(n + ": only in the second"));
    if (!List.copyOf(ra.keySet()).equals(List.copyOf(rb.keySet())) && lines.isEmpty()) {
      lines.add("the same names in another order");
      evidence.add(base + "-order");
    }
    for (Map.Entry<String, String[]> e : ra.entrySet()) {
      String[] y = rb.get(e.getKey());
      if (y == null) {
        continue;
      }
      String[] x = e.getValue();
      for (int i = 1; i < Math.max(x.length, y.length); i++) {
        String vx = i < x.length ? x[i] : "";
        String vy = i < y.length ? y[i] : "";
        if (!vx.equals(vy)) {
          String field = i < fields.size() ? fields.get(i) : "field " + (i + 1);
          lines.add(e.getKey() + ": " + field + " " + show(field, vx) + " -> " + show(field, vy));
          evidence.add(base + "-" + field);
          if (field.equals("password") && salted(vx) && salted(vy)) {
            evidence.add(base + "-salt");
          }
        }
      }
    }
    return new Explanation(base, evidence, lines);
  }

  private static boolean salted(String hash) {
    return hash.startsWith("$") && hash.chars().filter(c -> c == '$').count() >= 3;
  }

  /** A lastchg day as its date; a password hash as its scheme and salt, never the hash itself. */
  private static String show(String field, String v) {
    if (field.equals("lastchg") && v.matches("\\d+")) {
      return v + " (" + LocalDate.ofEpochDay(Long.parseLong(v)) + ")";
    }
    if (field.equals("password") && salted(v)) {
      String[] p = v.split("\\$");
      return "$" + p[1] + "$ salt " + p[p.length - 2];
    }
    return v.isEmpty() ? "''" : field.equals("password") && v.length() > 2 ? "(a hash)" : v;
  }

  private static Map<String, String[]> rows(byte[] bytes) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        String[] f = line.split(":", -1);
        out.put(f[0], f);
      }
    }
    return out;
  }
}
