package io.splitcheck.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which entries moved: of the paths both sequences share, those outside a longest common
 * subsequence of their order. Since the shared paths are distinct, that is a longest increasing
 * subsequence of second-positions taken in first-order: O(n log n), so a 100,000-entry layer is
 * cheap.
 */
final class OrderDiff {
  private OrderDiff() {}

  static Set<String> moved(List<String> first, List<String> second) {
    Map<String, Integer> positionInSecond = new HashMap<>(second.size() * 2);
    for (int i = 0; i < second.size(); i++) {
      positionInSecond.put(second.get(i), i);
    }
    List<String> shared = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (String path : first) {
      Integer p = positionInSecond.get(path);
      if (p != null) {
        shared.add(path);
        positions.add(p);
      }
    }
    boolean[] keep = longestIncreasing(positions);
    Set<String> moved = new HashSet<>();
    for (int i = 0; i < shared.size(); i++) {
      if (!keep[i]) {
        moved.add(shared.get(i));
      }
    }
    return moved;
  }

  /** Marks the members of one longest strictly increasing subsequence. */
  static boolean[] longestIncreasing(List<Integer> values) {
    int n = values.size();
    int[] tailIndex = new int[n];
    int[] previous = new int[n];
    int length = 0;
    int[] tailValue = new int[n];
    for (int i = 0; i < n; i++) {
      int v = values.get(i);
      int slot = Arrays.binarySearch(tailValue, 0, length, v);
      if (slot < 0) {
        slot = -slot - 1;
      }
      tailValue[slot] = v;
      tailIndex[slot] = i;
      previous[i] = slot > 0 ? tailIndex[slot - 1] : -1;
      if (slot == length) {
        length++;
      }
    }
    boolean[] keep = new boolean[n];
    for (int i = length == 0 ? -1 : tailIndex[length - 1]; i >= 0; i = previous[i]) {
      keep[i] = true;
    }
    return keep;
  }
}
