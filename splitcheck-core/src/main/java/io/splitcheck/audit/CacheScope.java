package io.splitcheck.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes the cache check independent of what the builder cached before: the Dockerfile it builds is
 * the user's with {@code ARG SPLITCHECK_CACHE_SCOPE} after every {@code FROM}, and both builds pass
 * the same run-unique value. An ARG in scope is in every later RUN's environment and cache key, so
 * the first build cannot reuse an older run's RUN steps and the second reuses exactly what the
 * first left. Step numbers ({@code [i/n]}) and step texts do not change: ARG is not a step and the
 * value is referenced nowhere.
 */
public final class CacheScope {
  public static final String ARG = "SPLITCHECK_CACHE_SCOPE";

  private CacheScope() {}

  /**
   * The Dockerfile text with {@code ARG SPLITCHECK_CACHE_SCOPE} on a new line after each FROM
   * instruction.
   */
  public static String scoped(String source, String text) {
    Dockerfile df = Dockerfile.parse(source, text);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    List<Instruction> froms = df.instructions().stream().filter(i -> i.is("FROM")).toList();
    for (int k = froms.size() - 1; k >= 0; k--) {
      lines.add(froms.get(k).endLine(), "ARG " + ARG);
    }
    return String.join("\n", lines);
  }
}
