package io.splitcheck.diff.explain;

import io.splitcheck.diff.DiffKind;
import io.splitcheck.diff.ImageArchiveReader;
import io.splitcheck.diff.LayerDiffer;
import io.splitcheck.diff.LayerSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A tar inside a layer file: its entries compared as a layer's are (order, mtimes, owners,
 * contents).
 */
final class TarExplainer implements FileExplainer {
  static final int MAX_LISTED = 8;

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!isTar(a) || !isTar(b)) {
      return null;
    }
    LayerSummary ta = read(a);
    LayerSummary tb = read(b);
    List<LayerDiffer.EntryDifference> diffs = new LayerDiffer().diff(ta.entries(), tb.entries());
    List<String> lines = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    lines.add(
        ta.entries().size()
            + " -> "
            + tb.entries().size()
            + " entries; "
            + diffs.size()
            + " differ");
    Set<DiffKind> kinds = EnumSet.noneOf(DiffKind.class);
    for (LayerDiffer.EntryDifference d : diffs) {
      kinds.addAll(d.kinds());
      if (lines.size() <= MAX_LISTED) {
        lines.add(
            d.path()
                + " ["
                + String.join(",", d.kinds().stream().map(DiffKind::id).toList())
                + "] "
                + d.detail());
      }
    }
    if (diffs.size() > MAX_LISTED) {
      lines.add("... and " + (diffs.size() - MAX_LISTED) + " more");
    }
    kinds.forEach(k -> evidence.add("tar-" + k.id()));
    if (diffs.isEmpty()) {
      lines.add(
          "entries equal as compared (header fields such as uname/gname or padding differ: "
              + BinaryExplainer.describe(a, b)
              + ")");
      evidence.add("tar-header");
    }
    return new Explanation("tar", evidence, lines);
  }

  static boolean isTar(byte[] b) {
    return b.length >= 512
        && b[257] == 'u'
        && b[258] == 's'
        && b[259] == 't'
        && b[260] == 'a'
        && b[261] == 'r';
  }

  private static LayerSummary read(byte[] tar) {
    try {
      return ImageArchiveReader.readTar(new ByteArrayInputStream(tar), "tar");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a whole tar: " + e.getMessage(), e);
    }
  }
}
