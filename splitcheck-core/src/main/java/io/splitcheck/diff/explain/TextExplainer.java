package io.splitcheck.diff.explain;

import io.splitcheck.model.PathNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** UTF-8 text without NUL bytes: a unified diff excerpt (two lines of context). */
final class TextExplainer implements FileExplainer {
  static final int CONTEXT = 2;

  /** Above this many lines between the common head and tail, no line matching is tried. */
  static final int MAX_MATCHED = 2000;

  @Override
  public Explanation explain(String path, byte[] a, byte[] b) {
    if (!isText(a) || !isText(b)) {
      return null;
    }
    List<String> la = lines(a);
    List<String> lb = lines(b);
    List<String> out = unifiedDiff(la, lb);
    out.add(0, la.size() + " -> " + lb.size() + " lines");
    return new Explanation("text", List.of("text"), out);
  }

  static boolean isText(byte[] bytes) {
    for (byte x : bytes) {
      if (x == 0) {
        return false;
      }
    }
    return PathNames.isUtf8(bytes);
  }

  private static List<String> lines(byte[] bytes) {
    return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
  }

  /** Hunks of {@code -}/{@code +}/{@code ' '} lines under {@code @@ -a,n +b,m @@} headers. */
  static List<String> unifiedDiff(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<String> ma = a.subList(head, a.size() - tail);
    List<String> mb = b.subList(head, b.size() - tail);
    List<String> script =
        (long) ma.size() * mb.size() <= (long) MAX_MATCHED * MAX_MATCHED / 4
            ? lcsScript(ma, mb)
            : blockScript(ma, mb);
    List<String> out = new ArrayList<>();
    out.add("@@ -" + (head + 1) + "," + ma.size() + " +" + (head + 1) + "," + mb.size() + " @@");
    for (int i = Math.max(0, head - CONTEXT); i < head; i++) {
      out.add(" " + a.get(i));
    }
    out.addAll(script);
    for (int i = a.size() - tail; i < Math.min(a.size(), a.size() - tail + CONTEXT); i++) {
      out.add(" " + a.get(i));
    }
    return out;
  }

  private static List<String> blockScript(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>();
    a.forEach(l -> out.add("-" + l));
    b.forEach(l -> out.add("+" + l));
    return out;
  }

  /** The longest common subsequence, as an edit script; runs of equal lines cut to the context. */
  private static List<String> lcsScript(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] len = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        len[i][j] =
            a.get(i).equals(b.get(j))
                ? len[i + 1][j + 1] + 1
                : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    int equalRun = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        equalRun++;
        if (equalRun <= CONTEXT) {
          out.add(" " + a.get(i));
        } else if (equalRun == CONTEXT + 1) {
          out.add(" ...");
        }
        i++;
        j++;
      } else if (i < n && (j == m || len[i + 1][j] >= len[i][j + 1])) {
        equalRun = 0;
        out.add("-" + a.get(i++));
      } else {
        equalRun = 0;
        out.add("+" + b.get(j++));
      }
    }
    return out;
  }
}
