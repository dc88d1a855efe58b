package io.splitcheck.diff.explain;

/** Explains the difference of two versions of a file in one format. */
interface FileExplainer {
  /** Null when the files are not in this explainer's format. */
  Explanation explain(String path, byte[] a, byte[] b);
}
