package io.splitcheck.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --shard I/N}: the I-th of N deterministic slices of the scenarios (1-based), by position
 * in the sorted list (round robin), so N CI jobs cover every scenario exactly once.
 */
public record Shard(int index, int count) {
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "--shard " + index + "/" + count + ": expected I/N with 1 <= I <= N");
    }
  }

  public static Shard parse(String text) {
    String[] parts = text.split("/");
    try {
      if (parts.length == 2) {
        return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("--shard '" + text + "': expected I/N, e.g. 3/8");
  }

  /**
   * The items of this shard, in their order; {@code key} names them (kept for symmetry with merge).
   */
  public <T> List<T> select(List<T> sorted, Function<T, String> key) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (i % count == index - 1) {
        out.add(sorted.get(i));
      }
    }
    return out;
  }
}
