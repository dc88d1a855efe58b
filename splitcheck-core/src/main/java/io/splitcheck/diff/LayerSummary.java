package io.splitcheck.diff;

import io.splitcheck.model.FileEntry;
import java.util.List;

/**
 * One layer of a saved image: its key in the archive, its diffID (sha256 of the uncompressed layer
 * tar) and its entries in tar order.
 */
public record LayerSummary(String key, String diffId, long tarBytes, List<FileEntry> entries) {
  public LayerSummary {
    entries = List.copyOf(entries);
  }
}
