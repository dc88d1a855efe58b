package io.splitcheck.diff;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code twice --vary}: the two unvaried builds (the control, as {@code twice} without it) and one
 * more build per variation, each compared with the first build, the way reprotest varies one input
 * at a time. A path is sensitive to a variation when the varied comparison shows a kind of
 * difference the control does not (a {@code content} difference where the control only saw {@code
 * mtime}, or a path the control saw as equal).
 *
 * @param twice the control: first vs second, both unvaried
 * @param variants one per variation, in the order asked for
 * @param sensitivity per path (sorted), the variations it is sensitive to and with which kinds
 */
@JsonPropertyOrder({"variants", "sensitivity"})
public record VariedTwiceResult(
    @JsonUnwrapped TwiceResult twice, List<Variant> variants, List<PathSensitivity> sensitivity) {
  /** The config's fields are listed as paths under this prefix, e.g. {@code config $.created}. */
  public static final String CONFIG_PREFIX = "config ";

  public VariedTwiceResult {
    variants = List.copyOf(variants);
    sensitivity = List.copyOf(sensitivity);
  }

  /**
   * One varied build compared with the first.
   *
   * @param variation its id ({@code mtime}, {@code time}, ...)
   * @param change what was changed, for a person
   * @param verdict first vs varied
   * @param differingPaths how many file paths differ between first and varied
   * @param sensitivePaths how many paths and config fields are sensitive to this variation (beyond
   *     the control)
   */
  public record Variant(
      String variation, String change, Verdict verdict, int differingPaths, int sensitivePaths) {}

  /** One variation a path is sensitive to, and the kinds it adds over the control. */
  public record VariedKinds(String variation, List<DiffKind> kinds) {
    public VariedKinds {
      kinds = List.copyOf(kinds);
    }
  }

  /**
   * @param unvaried what differs at this path between the two unvaried builds (empty: nothing)
   * @param variations the variations it is sensitive to, in the order asked for
   */
  public record PathSensitivity(
      String path, List<DiffKind> unvaried, List<VariedKinds> variations) {
    public PathSensitivity {
      unvaried = List.copyOf(unvaried);
      variations = List.copyOf(variations);
    }
  }

  /** The input of one variant: its id, what was changed and the comparison of first vs varied. */
  public record Varied(String variation, String change, ImageComparison comparison) {}

  /**
   * Variations that cannot move a clock: an mtime they differ in is the build's own clock (a varied
   * build runs later than the control's two, which may have shared one second), never theirs.
   */
  private static final Set<String> CLOCK_FREE = Set.of("umask", "order");

  /** Sensitivity of every path from the control and the varied comparisons. */
  public static VariedTwiceResult of(TwiceResult control, List<Varied> varied) {
    Map<String, Set<DiffKind>> base =
        kindsByPath(control.differences(), control.configDifferences());
    Map<String, List<VariedKinds>> byPath = new TreeMap<>();
    List<Variant> variants = new ArrayList<>();
    for (Varied v : varied) {
      Map<String, Set<DiffKind>> seen =
          kindsByPath(v.comparison().differences(), v.comparison().configDifferences());
      int sensitive = 0;
      for (Map.Entry<String, Set<DiffKind>> e : seen.entrySet()) {
        Set<DiffKind> added = EnumSet.noneOf(DiffKind.class);
        added.addAll(e.getValue());
        added.removeAll(base.getOrDefault(e.getKey(), Set.of()));
        boolean clockFree = CLOCK_FREE.contains(v.variation());
        if (clockFree) {
          added.remove(DiffKind.MTIME);
        }
        boolean newPath = !base.containsKey(e.getKey());
        if (!added.isEmpty() || (newPath && !clockFree)) {
          sensitive++;
          byPath
              .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add(new VariedKinds(v.variation(), List.copyOf(added)));
        }
      }
      int paths =
          (int) v.comparison().differences().stream().map(Difference::path).distinct().count();
      variants.add(
          new Variant(v.variation(), v.change(), v.comparison().verdict(), paths, sensitive));
    }
    List<PathSensitivity> paths = new ArrayList<>();
    byPath.forEach(
        (path, kinds) ->
            paths.add(
                new PathSensitivity(path, List.copyOf(base.getOrDefault(path, Set.of())), kinds)));
    return new VariedTwiceResult(control, variants, paths);
  }

  /**
   * Every differing path with the union of its kinds (a path may differ in more than one layer).
   */
  private static Map<String, Set<DiffKind>> kindsByPath(
      List<Difference> differences, List<String> config) {
    Map<String, Set<DiffKind>> out = new TreeMap<>();
    for (Difference d : differences) {
      out.computeIfAbsent(d.path(), k -> EnumSet.noneOf(DiffKind.class)).addAll(d.kinds());
    }
    for (String field : config) {
      out.computeIfAbsent(CONFIG_PREFIX + field, k -> EnumSet.noneOf(DiffKind.class))
          .add(DiffKind.CONTENT);
    }
    return out;
  }

  /** The variations {@code path} is sensitive to, or an empty list. */
  public List<String> variationsOf(String path) {
    return sensitivity.stream()
        .filter(p -> p.path().equals(path))
        .flatMap(p -> p.variations().stream().map(VariedKinds::variation))
        .toList();
  }
}
