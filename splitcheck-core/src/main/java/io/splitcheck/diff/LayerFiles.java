package io.splitcheck.diff;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Reads the bytes of some regular files of one layer of either build, to explain what differs in
 * them.
 */
@FunctionalInterface
public interface LayerFiles {
  /**
   * @param side 0 the first build, 1 the second
   * @param paths image paths as {@link Difference#path()} spells them
   * @return the first {@code max} bytes of each path that is a regular file in that layer
   */
  Map<String, byte[]> read(int side, int layer, Set<String> paths, int max) throws IOException;
}
