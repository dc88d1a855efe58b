package io.splitcheck.k8s;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 128Mi}, {@code 64M}, {@code 500m}, {@code 0.5}) and {@code
 * --limit} values.
 */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T|m)?");
  private static final Map<String, Long> FACTORS =
      Map.of(
          "Ki",
          1L << 10,
          "Mi",
          1L << 20,
          "Gi",
          1L << 30,
          "Ti",
          1L << 40,
          "k",
          1000L,
          "K",
          1000L,
          "M",
          1_000_000L,
          "G",
          1_000_000_000L,
          "T",
          1_000_000_000_000L);

  private Quantities() {}

  /**
   * Bytes of {@code 128Mi}, {@code 64M}; lower-case {@code 128m}/{@code 1g} in a {@code --limit}
   * mean MiB/GiB as {@code docker run --memory} reads them.
   */
  public static long bytes(String text, String where) {
    String t = text.strip();
    Matcher docker = Pattern.compile("([0-9]+)([bkmg])").matcher(t);
    if (docker.matches()) {
      long n = Long.parseLong(docker.group(1));
      return n
          << switch (docker.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
          };
    }
    Matcher m = QUANTITY.matcher(t);
    if (!m.matches() || "m".equals(m.group(2))) {
      throw new IllegalArgumentException(
          where
              + " '"
              + text
              + "': expected a size like 128Mi, 64M, 128m "
              + "(docker's MiB) or a number of bytes");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    return n.multiply(BigDecimal.valueOf(m.group(2) == null ? 1 : FACTORS.get(m.group(2))))
        .longValue();
  }

  /** Billionths of a CPU in {@code 500m}, {@code 0.5}, {@code 2}. */
  public static long nanoCpus(String text, String where) {
    Matcher m = QUANTITY.matcher(text.strip());
    if (!m.matches() || m.group(2) != null && !m.group(2).equals("m")) {
      throw new IllegalArgumentException(
          where + " '" + text + "': expected CPUs like 0.5, 2 or 500m");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    return (m.group(2) == null
            ? n.multiply(BigDecimal.valueOf(1_000_000_000L))
            : n.multiply(BigDecimal.valueOf(1_000_000L)))
        .longValue();
  }
}
